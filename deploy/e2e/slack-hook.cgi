#!/bin/sh
# The end-to-end test's Slack stand-in (busybox httpd CGI): keeps every webhook body it receives,
# one per line, in /tmp/slack-messages.log, and answers as Slack does ("ok"). A write that fails is
# answered 500, so the alert-manager counts a failed notification instead of a delivered one.
mkdir -p /tmp
body=$(head -c "${CONTENT_LENGTH:-0}" | tr '\n' ' ')
if printf '%s\n' "$body" >> /tmp/slack-messages.log; then
  printf 'Content-Type: text/plain\r\n\r\nok'
else
  printf 'Status: 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\ncould not record the message'
fi

#!/usr/bin/env bash
# Builds the whole suite and runs it on this machine with embedded defaults: static discovery,
# alerts handed over HTTP, the collector's TSDB and the alert-manager's state under ./data, Slack
# messages logged unless SLACK_URL is set. Ctrl-C stops everything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

echo "building the suite (./mvnw package, tests skipped)..."
./mvnw -B -q -DskipTests package

data="$root/data"
logs="$data/logs"
mkdir -p "$logs"
if [ -n "${SLACK_URL:-}" ]; then
  (umask 077; printf '%s' "$SLACK_URL" > "$data/slack_webhook_url")
else
  rm -f "$data/slack_webhook_url"
fi
java_opts=(-XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1)
pids=()

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "stopping the suite..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped."
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start() { # name url args...
  local name=$1 url=$2; shift 2
  java "${java_opts[@]}" -jar "$root/$name/target/$name-exec.jar" "$@" >"$logs/$name.log" 2>&1 &
  pids+=($!)
  printf '  %-20s %s   (log: data/logs/%s.log)\n' "$name" "$url" "$name"
}

echo "starting the suite:"
start node-exporter http://localhost:9100/metrics
start container-exporter http://localhost:8080/metrics
start dockerd-exporter http://localhost:9323/metrics
start alert-manager http://localhost:9093/ \
  --config.file="$root/deploy/local/alertmanager.yml" \
  --storage.path="$data/alert-manager" \
  --web.listen-address=:9093
start collector http://localhost:9090/ \
  --config.file="$root/deploy/local/prometheus.yml" \
  --storage.tsdb.path="$data/collector" \
  --web.listen-address=:9090 \
  --web.enable-lifecycle
echo "Ctrl-C stops everything."

# Exit (and stop the rest) as soon as one service dies, saying which.
while true; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "a service exited; see data/logs/ for its log"
      exit 1
    fi
  done
  sleep 2
done

#!/bin/sh
# Resident memory of the dockerd-exporter after N scrapes, with the image's JVM flags.
# Usage: dockerd-exporter/bench/rss.sh [scrapes] [port]   (after: ./mvnw -B -q -pl dockerd-exporter package -DskipTests)
set -eu
scrapes=${1:-100}
port=${2:-19400}
jar=$(dirname "$0")/../target/dockerd-exporter-exec.jar
JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xss256k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xmx64m -XX:MaxMetaspaceSize=96m -XX:+ExitOnOutOfMemoryError" \
  java -jar "$jar" --server.port="$port" --dockerd.metrics-url= >/tmp/dockerd-exporter-rss.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
i=0
until curl -sf -m 2 -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
  i=$((i + 1)); [ $i -le 240 ] || { echo "not up after 120s" >&2; exit 1; }; sleep 0.5
done
i=0
while [ $i -lt "$scrapes" ]; do
  curl -s -m 10 -o /dev/null "http://127.0.0.1:$port/metrics"; i=$((i + 1))
done
echo "$(date -u +%FT%TZ) scrapes=$scrapes $(grep VmRSS /proc/$pid/status) load: $(cut -d' ' -f1-3 /proc/loadavg)"

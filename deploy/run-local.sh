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
names=()

# 9323 is swarmprom's port for dockerd-exporter and also the usual one of dockerd's own metrics
# (--metrics-addr): when something already listens there, the exporter takes 9324 and reads the
# engine's metrics from 9323, and the collector scrapes it there
dockerd_exporter_port=9323
collector_config="$root/deploy/local/prometheus.yml"
if (exec 3<>/dev/tcp/127.0.0.1/9323) 2>/dev/null; then
  dockerd_exporter_port=9324
  collector_config="$data/prometheus.yml"
  sed -e "s#'127.0.0.1:9323'#'127.0.0.1:9324'#" -e "s#\.\./config/rules/#$root/deploy/config/rules/#" \
    "$root/deploy/local/prometheus.yml" > "$collector_config"
  echo "port 9323 is taken (by dockerd's own --metrics-addr, most likely): dockerd-exporter listens on 9324"
fi

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
  names+=("$name")
  printf '  %-20s %s   (log: data/logs/%s.log)\n' "$name" "$url" "$name"
}

echo "starting the suite:"
start node-exporter http://localhost:9100/metrics
start container-exporter http://localhost:8080/metrics
start dockerd-exporter "http://localhost:$dockerd_exporter_port/metrics" --server.port="$dockerd_exporter_port"
start alert-manager http://localhost:9093/ \
  --config.file="$root/deploy/local/alertmanager.yml" \
  --storage.path="$data/alert-manager" \
  --web.listen-address=:9093
start collector http://localhost:9090/ \
  --config.file="$collector_config" \
  --storage.tsdb.path="$data/collector" \
  --web.listen-address=:9090 \
  --web.enable-lifecycle
echo "Ctrl-C stops everything."

# Exit (and stop the rest) as soon as one service dies, saying which.
while true; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "${names[$i]} exited; see data/logs/${names[$i]}.log"
      exit 1
    fi
  done
  sleep 2
done

#!/usr/bin/env bash
# Side-by-side benchmark of swarmmon's node-exporter and Debian's prometheus-node-exporter 1.5 on
# this host, in one run: median scrape latency, CPU seconds per 100 scrapes (utime+stime from
# /proc/<pid>/stat), and resident memory (VmRSS) after the scrapes.
#
# Usage: node-exporter/bench/compare.sh [scrapes] [warmup]
#   JAR=...        the exec jar (default node-exporter/target/node-exporter-exec.jar)
#   JAVA_OPTS=...  the JVM flags (default: the ones the Dockerfile uses, below)
set -euo pipefail
cd "$(dirname "$0")/../.."

SCRAPES="${1:-300}"
WARMUP="${2:-300}"
JAR="${JAR:-node-exporter/target/node-exporter-exec.jar}"
# the flags deploy's Dockerfile uses (plus MALLOC_ARENA_MAX=2 in its environment)
JAVA_OPTS="${JAVA_OPTS:--Xms8m -Xmx28m -Xmn4m -Xss256k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=12m -Xshare:off -XX:+ExitOnOutOfMemoryError}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
REF_PORT="${REF_PORT:-19190}"
SAME_PORT="${SAME_PORT:-19192}"
OUR_PORT="${OUR_PORT:-19191}"
OURS="cpu diskstats entropy filefd filesystem loadavg meminfo netdev netstat os pressure sockstat stat textfile time uname vmstat"
MOUNTS='^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)'
CLK_TCK=$(getconf CLK_TCK)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

prometheus-node-exporter --web.listen-address="127.0.0.1:$REF_PORT" \
  --collector.filesystem.mount-points-exclude="$MOUNTS" >"$work/ref.log" 2>&1 &
pids+=($!); ref_pid=$!
# the same collectors as ours, for a like-for-like row
same_flags=(--collector.disable-defaults)
for c in $OURS; do same_flags+=("--collector.$c"); done
prometheus-node-exporter --web.listen-address="127.0.0.1:$SAME_PORT" "${same_flags[@]}" \
  --collector.filesystem.mount-points-exclude="$MOUNTS" >"$work/same.log" 2>&1 &
pids+=($!); same_pid=$!
start=$(date +%s.%N)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --web.listen-address="127.0.0.1:$OUR_PORT" >"$work/ours.log" 2>&1 &
pids+=($!); our_pid=$!

wait_up() {  # port pid log
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/metrics" && return 0
    if ! kill -0 "$2" 2>/dev/null; then echo "process on port $1 exited:" >&2; tail -20 "$3" >&2; return 1; fi
    sleep 0.5
  done
  echo "port $1 did not answer within 300s:" >&2; tail -20 "$3" >&2; return 1
}
wait_up "$OUR_PORT" "$our_pid" "$work/ours.log"
echo "swarmmon node-exporter answered $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')s after start"
wait_up "$REF_PORT" "$ref_pid" "$work/ref.log"; wait_up "$SAME_PORT" "$same_pid" "$work/same.log"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# one target: warm up, then $SCRAPES sequential scrapes as Prometheus makes them (gzip)
bench() {
  local name=$1 port=$2 pid=$3 url="http://127.0.0.1:$2/metrics"
  for _ in $(seq 1 "$WARMUP"); do curl -s -o /dev/null --compressed "$url"; done
  local before after
  before=$(cpu_ticks "$pid")
  for _ in $(seq 1 "$SCRAPES"); do
    curl -s -o /dev/null --compressed -w '%{time_total}\n' "$url"
  done > "$work/$name.times"
  after=$(cpu_ticks "$pid")
  local median bytes series
  median=$(sort -n "$work/$name.times" | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m*1000}')
  bytes=$(curl -s "$url" | wc -c)
  series=$(curl -s "$url" | grep -vc '^#')
  printf '%-26s %10s %14s %10s %8s %8s\n' "$name" "$median" \
    "$(awk -v t=$((after - before)) -v n="$SCRAPES" -v hz="$CLK_TCK" 'BEGIN {printf "%.3f", t / hz * 100 / n}')" \
    "$(awk -v k="$(rss_kib "$pid")" 'BEGIN {printf "%.1f", k / 1024}')" "$series" "$bytes"
}

echo "host: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $SCRAPES scrapes after $WARMUP warm-up"
echo "JVM flags: $JAVA_OPTS"
printf '%-26s %10s %14s %10s %8s %8s\n' target "median ms" "CPU s/100 scr" "RSS MiB" series bytes
bench prometheus-node-exporter "$REF_PORT" "$ref_pid"
bench "node-exporter (same $(wc -w <<<"$OURS"))" "$SAME_PORT" "$same_pid"
bench swarmmon-node-exporter "$OUR_PORT" "$our_pid"

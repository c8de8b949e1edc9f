#!/usr/bin/env bash
# Benchmark: the exporter (and cAdvisor, if CADVISOR=/path/to/cadvisor is set) with 50 running
# containers: CPU seconds per scrape, scrape latency, resident memory.
#
#   ./mvnw -B -q -pl container-exporter package -DskipTests
#   container-exporter/bench/bench.sh [scrapes]            # default 200 scrapes
#   CADVISOR=/tmp/cadvisor-build/bin/cadvisor container-exporter/bench/bench.sh 200
#
# CPU is the process's utime+stime (from /proc/<pid>/stat) over the whole measuring window divided
# by the number of scrapes, so any background work between scrapes is charged to the scrapes too.
# Idle CPU is measured separately over 30 s without scrapes.
set -euo pipefail

SCRAPES=${1:-200}
CONTAINERS=${CONTAINERS:-50}
IMAGE=swarmmon-ce-busybox:test
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$HERE/../target/container-exporter-exec.jar
JAVA_OPTS=${JAVA_OPTS:--Xms8m -Xmx32m -Xmn2m -Xss256k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000 -XX:MaxMetaspaceSize=80m -XX:ReservedCodeCacheSize=12m -Xshare:off -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError}
HZ=$(getconf CLK_TCK)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for i in $(seq 1 "$CONTAINERS"); do docker rm -f "ce-bench-$i" >/dev/null 2>&1 || true; done
  docker network rm ce-bench-net >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [ -z "$(docker images -q $IMAGE)" ]; then
  root=$(mktemp -d); mkdir -p "$root/bin" "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"; ln -s busybox "$root/bin/sh"
  tar -C "$root" -cf "$root.tar" . && docker import "$root.tar" $IMAGE >/dev/null && rm -rf "$root" "$root.tar"
fi
docker network create ce-bench-net >/dev/null
for i in $(seq 1 "$CONTAINERS"); do
  docker run -d --name "ce-bench-$i" --network ce-bench-net \
    --label com.docker.compose.project=bench --label com.docker.compose.service="svc$((i % 5))" \
    $IMAGE sh -c 'exec sleep 100000' >/dev/null
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
await() { for _ in $(seq 1 240); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }

measure() { # name pid url
  local name=$1 pid=$2 url=$3
  await "$url"
  for _ in $(seq 1 20); do curl -s -o /dev/null "$url"; done   # warm-up
  local series; series=$(curl -s "$url" | grep -c '^container_' || true)
  local idle0; idle0=$(cpu_ticks "$pid"); sleep 30; local idle1; idle1=$(cpu_ticks "$pid")
  local t0; t0=$(cpu_ticks "$pid")
  local total=0 max=0
  for _ in $(seq 1 "$SCRAPES"); do
    local t; t=$(curl -s -o /dev/null -w '%{time_total}' "$url")
    total=$(awk -v a="$total" -v b="$t" 'BEGIN {print a + b}')
    max=$(awk -v a="$max" -v b="$t" 'BEGIN {print (b > a) ? b : a}')
  done
  local t1; t1=$(cpu_ticks "$pid")
  awk -v n="$name" -v s="$SCRAPES" -v c=$((t1 - t0)) -v hz="$HZ" -v tot="$total" -v mx="$max" \
      -v idle=$((idle1 - idle0)) -v rss="$(rss_kib "$pid")" -v series="$series" 'BEGIN {
    printf "%-18s series=%d  cpu/scrape=%.4f s  latency mean=%.1f ms max=%.1f ms  idle cpu=%.4f s/s  rss=%.1f MiB\n",
      n, series, c / hz / s, tot / s * 1000, mx * 1000, idle / hz / 30, rss / 1024 }'
}

PORT=18180
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" -port $PORT -logtostderr -docker_only >/tmp/ce-bench-exporter.log 2>&1 &
PIDS+=($!)
measure container-exporter "$!" "http://127.0.0.1:$PORT/metrics"

if [ -n "${CADVISOR:-}" ]; then
  "$CADVISOR" -port 18181 -logtostderr -docker_only -housekeeping_interval=10s >/tmp/ce-bench-cadvisor.log 2>&1 &
  PIDS+=($!)
  measure cadvisor "$!" "http://127.0.0.1:18181/metrics"
fi

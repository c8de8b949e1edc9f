#!/bin/bash
# Several builds/JVM flag sets of the collector side by side on the same synthetic targets
# (targets.py), for DURATION s: process CPU, VmRSS and samples appended at 90 s and at the end,
# and per-thread CPU between the two (which thread the CPU goes to: scrape, HTTP client, GC, JIT).
# The window runs from WARM_AT s (default 90) to DURATION s after start.
# PORT_BASE (default 19400) moves the ports.
# usage: collector/bench/variants.sh OUTDIR DURATION "JAR|JVM flags" ["JAR|JVM flags" ...]
set -u
OUT=$1; DUR=$2; shift 2
WARM=${WARM_AT:-90}   # start of the measured window, s after start
HERE=$(cd "$(dirname "$0")" && pwd)
rm -rf "$OUT"; mkdir -p "$OUT"
BASE=${PORT_BASE:-19400}   # targets here, the collectors from BASE + 10
TPORT=$BASE
python3 "$HERE/targets.py" $TPORT 100 "$OUT/prometheus.yml" 15s & TPID=$!
PIDS=()
trap 'kill $TPID ${PIDS[@]} 2>/dev/null' EXIT
for _ in $(seq 60); do [ -s "$OUT/prometheus.yml" ] && break; sleep 0.5; done   # targets.py writes it; slow to start under load
sleep 1
i=0
for v in "$@"; do
  JAR=${v%%|*}; FLAGS=${v#*|}
  # shellcheck disable=SC2086
  java $FLAGS -jar "$JAR" --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/d$i" \
    --web.listen-address=127.0.0.1:$((BASE + 10 + i)) > "$OUT/log$i" 2>&1 &
  PIDS+=($!); i=$((i + 1))
done
TCK=$(getconf CLK_TCK)
snap() {
  for j in "${!PIDS[@]}"; do
    p=${PIDS[$j]}
    for t in /proc/$p/task/*; do
      echo "$(tr ' ' _ < "$t/comm" 2>/dev/null) $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)"
    done > "$OUT/threads-$1-$j"
    echo "$1 v$j cpu=$(awk -v t="$TCK" '{printf "%.2f", ($14 + $15) / t}' /proc/$p/stat)" \
      "rss=$(awk '/VmRSS/ {print $2}' /proc/$p/status)kB" \
      "appended=$(curl -s --max-time 20 127.0.0.1:$((BASE + 10 + j))/metrics | awk '$1 ~ /^prometheus_tsdb_head_samples_appended_total/ {s += $2} END {printf "%.0f", s}')" \
      "load=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/figures.txt"
  done
}
sleep "$WARM"; snap warm
sleep $((DUR - WARM)); snap end
for j in "${!PIDS[@]}"; do  # ticks (1/CLK_TCK s) per thread name between the snapshots
  awk 'NR == FNR {w[$1] += $2; next} {e[$1] += $2} END {for (k in e) printf "%6d %s\n", e[k] - w[k], k}' \
    "$OUT/threads-warm-$j" "$OUT/threads-end-$j" | sort -rn | head -25 > "$OUT/threaddiff-$j"
done

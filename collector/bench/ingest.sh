#!/bin/bash
# Whole-process ingestion benchmark: our collector and Debian's Prometheus 2.42 scrape the same
# synthetic targets (targets.py) with the same prometheus.yml, at the same time, for DURATION s.
# The window runs from WARM_AT s (default 90) to DURATION s after start.
# usage: collector/bench/ingest.sh JAR OUTDIR [DURATION=240] [TARGETS=100] [INTERVAL=15s] [JVM flags...]
set -u
JAR=$1; OUT=$2; DURATION=${3:-240}; TARGETS=${4:-100}; INTERVAL=${5:-15s}; shift 5 2>/dev/null || shift $#
WARM=${WARM_AT:-90}   # start of the measured window, s after start
JVM=("$@"); [ ${#JVM[@]} -eq 0 ] && JVM=(-Xmx1g -XX:+UseSerialGC)
HERE=$(cd "$(dirname "$0")" && pwd)
BASE=${PORT_BASE:-19300}   # three ports from here: targets, Prometheus, ours
TPORT=$BASE; PPORT=$((BASE + 1)); OPORT=$((BASE + 2))
rm -rf "$OUT"; mkdir -p "$OUT"
TCK=$(getconf CLK_TCK)
cpu() { awk -v t="$TCK" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }   # utime+stime, s
rss() { awk '/^VmRSS/ { print $2 * 1024 }' "/proc/$1/status"; }
# sum of a metric's lines (Prometheus 2.42 splits samples_appended by {type=...}); the collector
# currently exposes the head series gauge as prometheus_tsdb_head_series_total (Micrometer)
metric() { curl -s --max-time 20 "127.0.0.1:$1/metrics" | awk -v n="$2" \
  '$1 == n || $1 == n "_total" || index($1, n "{") == 1 { s += $2; f = 1 } END { if (f) printf "%.0f", s }'; }
snapshot() {  # label: cpu, rss, appended, head series of each side
  echo "$1 t=$(( $(date +%s) - T0 ))s" \
    "prom_cpu=$(cpu $PROM) prom_rss=$(rss $PROM) prom_appended=$(metric $PPORT prometheus_tsdb_head_samples_appended_total) prom_series=$(metric $PPORT prometheus_tsdb_head_series)" \
    "ours_cpu=$(cpu $OURS) ours_rss=$(rss $OURS) ours_appended=$(metric $OPORT prometheus_tsdb_head_samples_appended_total) ours_series=$(metric $OPORT prometheus_tsdb_head_series)" \
    "ours_gc=$(jstat -gc $OURS 2>/dev/null | awk 'NR == 2 { print "young:" $13 ",full:" $15 ",s:" $NF }')" \
    "load=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/figures.txt"
}
python3 "$HERE/targets.py" $TPORT "$TARGETS" "$OUT/prometheus.yml" "$INTERVAL" & TPID=$!
trap 'kill $TPID $PROM $OURS 2>/dev/null' EXIT
for _ in $(seq 60); do [ -s "$OUT/prometheus.yml" ] && break; sleep 0.5; done   # targets.py writes it; slow to start under load
sleep 1
T0=$(date +%s)
prometheus --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/prom" \
  --web.listen-address=127.0.0.1:$PPORT > "$OUT/prom.log" 2>&1 & PROM=$!
java "${JVM[@]}" -jar "$JAR" --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/ours" \
  --web.listen-address=127.0.0.1:$OPORT > "$OUT/ours.log" 2>&1 & OURS=$!
echo "jvm: ${JVM[*]}; targets=$TARGETS interval=$INTERVAL duration=${DURATION}s" | tee "$OUT/figures.txt"
# snapshots at t = 90 s and 240 s (the short window of the earlier runs) when the window starts later
T=0
for at in 90 240; do
  [ "$at" -lt "$WARM" ] || continue
  sleep $(( at - T )); T=$at; snapshot "t$at"
done
sleep $(( WARM - T )); snapshot warm      # after start-up (about 60 s for the collector at load 20) and first scrapes
sleep $(( DURATION - WARM )); snapshot end
for p in $PPORT $OPORT; do
  curl -s --max-time 20 "127.0.0.1:$p/metrics" | grep -E '^(scrape|prometheus_target_scrapes|prometheus_tsdb_out_of_order|prometheus_tsdb_head_chunks )' >> "$OUT/metrics-$p.txt"
  curl -s --max-time 20 "127.0.0.1:$p/api/v1/query?query=count(up==1)" >> "$OUT/up-$p.json"; echo >> "$OUT/up-$p.json"
done

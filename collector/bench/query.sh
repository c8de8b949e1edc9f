#!/bin/bash
# Query latency and bytes per sample after compaction, side by side: the same synthetic history
# (Backfill.java: TARGETS x 2000 series, HOURS of samples STEP s apart) is remote-written into
# Prometheus 2.42 and into our collector, both started with --web.enable-remote-write-receiver
# and no scrape jobs; once both heads have cut a 2h block (head span > 3h) the block sizes are
# recorded and queries.py measures dashboard query_range latency against both HTTP APIs.
# With WARM_ROUNDS=N (default 0: skipped) a second pass then times the one-target queries again
# after N untimed rounds of each (queries.py's WARMUP_ROUNDS): both processes warmed up.
# PORT_BASE=N (default 19310) puts Prometheus on N+1 and the collector on N+2.
# usage: collector/bench/query.sh JAR OUTDIR [TARGETS=100] [HOURS=3.5] [STEP=120] [RUNS=10] [JVM flags...]
set -u
JAR=$1; OUT=$2; TARGETS=${3:-100}; HOURS=${4:-3.5}; STEP=${5:-120}; RUNS=${6:-10}; shift 6 2>/dev/null || shift $#
JVM=("$@"); [ ${#JVM[@]} -eq 0 ] && JVM=(-Xmx1g -XX:+UseSerialGC)
HERE=$(cd "$(dirname "$0")" && pwd)
PPORT=$(( ${PORT_BASE:-19310} + 1 )); OPORT=$(( ${PORT_BASE:-19310} + 2 ))   # PORT_BASE: runs side by side
SNAPPY=$(ls ~/.m2/repository/org/xerial/snappy/snappy-java/*/snappy-java-*.jar | tail -1)
rm -rf "$OUT"; mkdir -p "$OUT"
printf 'global:\n  scrape_interval: 15s\n' > "$OUT/prometheus.yml"
prometheus --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/prom" --web.enable-remote-write-receiver \
  --storage.tsdb.retention.time=30d --web.listen-address=127.0.0.1:$PPORT > "$OUT/prom.log" 2>&1 & PROM=$!
java "${JVM[@]}" -jar "$JAR" --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/ours" \
  --web.enable-remote-write-receiver --storage.tsdb.retention.time=30d \
  --web.listen-address=127.0.0.1:$OPORT > "$OUT/ours.log" 2>&1 & OURS=$!
trap 'kill $PROM $OURS 2>/dev/null' EXIT
for i in $(seq 1 90); do   # at most 180 s for both to come up
  curl -sf -o /dev/null 127.0.0.1:$PPORT/-/ready && curl -sf -o /dev/null 127.0.0.1:$OPORT/-/ready && break; sleep 2
done
echo "load before backfill: $(cat /proc/loadavg)" | tee "$OUT/figures.txt"
timeout 1200 java -cp "$SNAPPY" "$HERE/Backfill.java" "$TARGETS" "$HOURS" "$STEP" \
  http://127.0.0.1:$PPORT/api/v1/write http://127.0.0.1:$OPORT/api/v1/write 2>&1 | tail -4 | tee -a "$OUT/figures.txt"
END=$(( $(date +%s) / STEP * STEP )); echo "query END=$END" | tee -a "$OUT/figures.txt"
for i in $(seq 1 60); do   # both run head compaction once a minute; wait at most 300 s for a block each
  P=$(ls -d "$OUT"/prom/01* 2>/dev/null | grep -v "tmp-for" | head -1); O=$(ls -d "$OUT"/ours/01* 2>/dev/null | grep -v "tmp-for" | head -1)
  [ -n "$P" ] && [ -n "$O" ] && break; sleep 5
done
sleep 5
for side in prom ours; do
  for b in $(ls -d "$OUT/$side"/01* 2>/dev/null | grep -v "tmp-for"); do
    echo "$side block $(basename $b): $(du -sb $b | cut -f1) bytes; $(tr -d ' \n\t' < $b/meta.json | grep -o '"minTime":[0-9]*,"maxTime":[0-9]*,"stats":{[^}]*}')" | tee -a "$OUT/figures.txt"
  done
done
echo "after compaction: prom cpu=$(awk '{print ($14+$15)/100}' /proc/$PROM/stat)s rss=$(awk '/^VmRSS/{print $2}' /proc/$PROM/status)kB;" \
  "ours cpu=$(awk '{print ($14+$15)/100}' /proc/$OURS/stat)s rss=$(awk '/^VmRSS/{print $2}' /proc/$OURS/status)kB; load $(cat /proc/loadavg)" | tee -a "$OUT/figures.txt"
timeout 1500 python3 "$HERE/queries.py" "$END" "$RUNS" 60 prometheus=http://127.0.0.1:$PPORT ours=http://127.0.0.1:$OPORT | tee -a "$OUT/figures.txt"
echo "load after queries: $(cat /proc/loadavg)" | tee -a "$OUT/figures.txt"
if [ "${WARM_ROUNDS:-0}" -gt 0 ]; then
  echo "warm pass: $WARM_ROUNDS untimed rounds per case first" | tee -a "$OUT/figures.txt"
  WARMUP_ROUNDS=$WARM_ROUNDS CASES="rate, one target|sum by code, one target|histogram_quantile, one target" \
    timeout 900 python3 "$HERE/queries.py" "$END" "$RUNS" 60 prometheus=http://127.0.0.1:$PPORT ours=http://127.0.0.1:$OPORT | tee -a "$OUT/figures.txt"
  echo "load after warm pass: $(cat /proc/loadavg)" | tee -a "$OUT/figures.txt"
fi

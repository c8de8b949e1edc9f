#!/bin/bash
# The first requests after a restart, side by side: Prometheus 2.42 and the collector started afresh
# on copies of the data directories a query.sh run left (DATA/prom, DATA/ours), then the first
# RUNS rounds of the one-target queries of queries.py (both sides, alternating), nothing sent
# before them. The collector is given its start-up time: the run begins once its query warm-up
# has logged (at most 180 s; set WARMED=0 when it is turned off). Then the same again with the collector alone for coldcpu.py (CPU of
# its first requests). Both processes are stopped at the end of each part.
# usage: collector/bench/coldstart.sh JAR DATA OUTDIR END [RUNS=10] [JVM flags...]
set -u
JAR=$1; DATA=$2; OUT=$3; END=$4; RUNS=${5:-10}; shift 5 2>/dev/null || shift $#
JVM=("$@"); [ ${#JVM[@]} -eq 0 ] && JVM=(-Xmx1g -XX:+UseSerialGC)
HERE=$(cd "$(dirname "$0")" && pwd)
PPORT=$(( ${PORT_BASE:-19560} + 1 )); OPORT=$(( ${PORT_BASE:-19560} + 2 ))
CASES=${CASES:-"rate, one target|sum by code, one target|histogram_quantile, one target"}
rm -rf "$OUT"; mkdir -p "$OUT"
PROM=; OURS=
trap 'kill $PROM $OURS 2>/dev/null' EXIT

start() {  # $1: with Prometheus (1) or not (0)
  rm -rf "$OUT/prom" "$OUT/ours"; cp -r "$DATA/ours" "$OUT/ours"
  if [ "$1" = 1 ]; then
    cp -r "$DATA/prom" "$OUT/prom"
    prometheus --config.file="$DATA/prometheus.yml" --storage.tsdb.path="$OUT/prom" --storage.tsdb.retention.time=30d \
      --web.listen-address=127.0.0.1:$PPORT > "$OUT/prom.log" 2>&1 & PROM=$!
  fi
  java "${JVM[@]}" -jar "$JAR" --config.file="$DATA/prometheus.yml" --storage.tsdb.path="$OUT/ours" \
    --storage.tsdb.retention.time=30d --web.listen-address=127.0.0.1:$OPORT > "$OUT/ours.log" 2>&1 & OURS=$!
  for i in $(seq 1 90); do   # at most 180 s: ready, and the warm-up done (or off)
    if curl -sf -o /dev/null 127.0.0.1:$OPORT/-/ready && { [ "$1" = 0 ] || curl -sf -o /dev/null 127.0.0.1:$PPORT/-/ready; } \
      && { [ "${WARMED:-1}" = 0 ] || grep -q "query path warmed up\|query warm-up failed" "$OUT/ours.log"; }; then break; fi
    sleep 2
  done
  sleep 5
  echo "started: $(grep -o 'query path warmed up.*\|query warm-up failed.*' "$OUT/ours.log"); ours cpu=$(awk '{print ($14+$15)/100}' /proc/$OURS/stat)s; load $(cat /proc/loadavg)" | tee -a "$OUT/figures.txt"
}

stop() {
  kill $PROM $OURS 2>/dev/null; wait $PROM $OURS 2>/dev/null; PROM=; OURS=
}

start 1
CASES="$CASES" timeout 900 python3 "$HERE/queries.py" "$END" "$RUNS" 60 prometheus=http://127.0.0.1:$PPORT ours=http://127.0.0.1:$OPORT | tee -a "$OUT/figures.txt"
echo "load after queries: $(cat /proc/loadavg)" | tee -a "$OUT/figures.txt"
stop
start 0
timeout 300 python3 "$HERE/coldcpu.py" http://127.0.0.1:$OPORT $OURS "$RUNS" "$END" | tee -a "$OUT/figures.txt"
echo "load after coldcpu: $(cat /proc/loadavg)" | tee -a "$OUT/figures.txt"
stop

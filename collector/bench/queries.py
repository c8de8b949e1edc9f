#!/usr/bin/env python3
"""Dashboard query latency, side by side: the same query_range requests against two HTTP APIs.

usage: queries.py END_UNIX_SECONDS RUNS MAX_SECONDS_PER_CASE NAME=URL...
For every query and range (1h ending at END with a 15s step, 24h ending at END with a 120s step),
RUNS rounds, each round sending the request to every side in turn (order alternating per round),
stopping a case early once it has used MAX_SECONDS_PER_CASE of wall time. Prints per side: median,
p99 (nearest rank; with few runs that is the maximum), runs, and the result's series count.

Environment: WARMUP_ROUNDS=N sends every case N untimed rounds (to every side) before timing it, to
measure warmed-up processes (a JVM that has compiled the query path, as a long-running one has);
CASES="a|b" keeps only the queries whose label starts with one of the given prefixes.
"""
import os
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request

QUERIES = [
    ("rate, one target, 5 series", 'rate(bench_http_requests_total{instance="target-7",handler="h1"}[5m])'),
    ("sum by code, one target", 'sum by (code) (rate(bench_http_requests_total{instance="target-7"}[5m]))'),
    ("sum by instance, 50k series", "sum by (instance) (rate(bench_http_requests_total[5m]))"),
    ("sum 5xx, regex, 20k series", 'sum(rate(bench_http_requests_total{code=~"5.."}[5m]))'),
    ("histogram_quantile, one target", 'histogram_quantile(0.99, sum by (le) (rate(bench_http_request_duration_seconds_bucket{instance="target-7"}[5m])))'),
    ("histogram_quantile by handler, 110k series", "histogram_quantile(0.9, sum by (le, handler) (rate(bench_http_request_duration_seconds_bucket[5m])))"),
    ("topk 5 instances, 20k gauges", "topk(5, sum by (instance) (bench_memory_bytes))"),
]
RANGES = [("1h", 3600, 15), ("24h", 86400, 120)]


def run(url, query, start, end, step):
    data = urllib.parse.urlencode({"query": query, "start": start, "end": end, "step": step}).encode()
    t0 = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url + "/api/v1/query_range", data=data), timeout=120) as r:
        body = r.read()
    elapsed = time.perf_counter() - t0
    doc = json.loads(body)
    if doc.get("status") != "success":
        raise RuntimeError("%s: %s" % (url, body[:300]))
    return elapsed, len(doc["data"]["result"])


def p99(xs):
    s = sorted(xs)
    return s[max(0, -(-99 * len(s) // 100) - 1)]


def main():
    end, runs, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    sides = [a.split("=", 1) for a in sys.argv[4:]]
    warmup = int(os.environ.get("WARMUP_ROUNDS", "0"))
    prefixes = [p for p in os.environ.get("CASES", "").split("|") if p]
    print("| query | range (step) | " + " | ".join("%s median / p99 (runs, series)" % n for n, _ in sides) + " |")
    print("|---|---|" + "---|" * len(sides))
    for label, q in QUERIES:
        if prefixes and not any(label.startswith(p) for p in prefixes):
            continue
        for rname, span, step in RANGES:
            for i in range(warmup):
                for n, url in sides:
                    try:
                        run(url, q, end - span, end, step)
                    except Exception:  # noqa: BLE001 - the timed runs report errors
                        pass
            times = {n: [] for n, _ in sides}
            series = {n: None for n, _ in sides}
            errors = {}
            t_case = time.perf_counter()
            for i in range(runs):
                order = sides if i % 2 == 0 else list(reversed(sides))
                for n, url in order:
                    if n in errors:
                        continue
                    try:
                        dt, count = run(url, q, end - span, end, step)
                        times[n].append(dt)
                        series[n] = count
                    except Exception as e:  # noqa: BLE001 - report, keep measuring the other side
                        errors[n] = str(e)[:200]
                if time.perf_counter() - t_case > budget:
                    break
            cells = []
            for n, _ in sides:
                if times[n]:
                    cells.append("%.0f / %.0f ms (%d, %s)" % (1000 * statistics.median(times[n]), 1000 * p99(times[n]),
                                                               len(times[n]), series[n]))
                else:
                    cells.append("error: " + errors.get(n, "no run"))
            print("| %s `%s` | %s (%ds) | %s |" % (label, q, rname, step, " | ".join(cells)), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Per-request cost of small API requests, side by side, on already running (warmed-up) processes.

usage: small.py END_UNIX_SECONDS RUNS NAME=URL:PID...
Cases: status/buildinfo, query vector(1), and query_range of vector(1), count(rate(...)), the
5-series rate over 1h/15s and 24h/120s ending at END (queries.py's data). Per case and side, RUNS
requests on a new connection each (as queries.py), at most 60 s; prints the median wall time and
the process's CPU (utime+stime from /proc/PID/stat) per request.
"""
import statistics
import sys
import time
import urllib.parse
import urllib.request
import os

RATE = 'rate(bench_http_requests_total{instance="target-7",handler="h1"}[5m])'


def cpu_seconds(pid):
    f = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")


def main():
    end, runs = int(sys.argv[1]), int(sys.argv[2])
    sides = [(a.split("=", 1)[0], a.split("=", 1)[1].rsplit(":", 1)) for a in sys.argv[3:]]
    cases = [
        ("buildinfo", "/api/v1/status/buildinfo", None),
        ("query vector(1)", "/api/v1/query", {"query": "vector(1)", "time": end}),
        ("range vector(1) 1h/15s", "/api/v1/query_range", {"query": "vector(1)", "start": end - 3600, "end": end, "step": 15}),
        ("range count(rate) 1h/15s", "/api/v1/query_range", {"query": "count(" + RATE + ")", "start": end - 3600, "end": end, "step": 15}),
        ("range rate 1h/15s", "/api/v1/query_range", {"query": RATE, "start": end - 3600, "end": end, "step": 15}),
        ("range rate 24h/120s", "/api/v1/query_range", {"query": RATE, "start": end - 86400, "end": end, "step": 120}),
    ]
    for name, path, form in cases:
        cells = []
        for side, (url, pid) in sides:
            body = urllib.parse.urlencode(form).encode() if form else None
            times = []
            c0 = cpu_seconds(pid)
            t_case = time.perf_counter()
            for _ in range(runs):
                t0 = time.perf_counter()
                with urllib.request.urlopen(urllib.request.Request(url + path, data=body), timeout=30) as r:
                    r.read()
                times.append(time.perf_counter() - t0)
                if time.perf_counter() - t_case > 60:
                    break
            cpu = cpu_seconds(pid) - c0
            cells.append("%s: median %.2f ms, CPU %.2f ms/req" % (side, 1000 * statistics.median(times), 1000 * cpu / len(times)))
        print("%-26s %s" % (name, " | ".join(cells)), flush=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""CPU time of each query_range request, read from /proc/<pid>/task/*/schedstat (nanoseconds).

usage: reqcpu.py URL PID END_UNIX_SECONDS SPEC...
SPEC is target:span_s:step_s:count[:s], e.g. target-7:3600:15:10 (the 5-series rate of one target)
or target-7:3600:15:10:s (its sum by (code)). For each SPEC, sends count requests on new
connections, one after the other, and prints the CPU of the threads whose name starts with
http-nio (Tomcat's) per request, their median, the median wall time and the CPU of the whole
process over the SPEC. With ALL=1 every thread counts (for Prometheus, whose threads have no such
names). Bounded: count requests per SPEC, 30 s timeout each.
"""
import json
import os
import sys
import time
import urllib.parse
import urllib.request


def cpu_ms(pid, http_only):
    total = 0
    for t in os.listdir("/proc/%s/task" % pid):
        try:
            if http_only and not open("/proc/%s/task/%s/comm" % (pid, t)).read().startswith("http-nio"):
                continue
            total += int(open("/proc/%s/task/%s/schedstat" % (pid, t)).read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / 1e6


def main():
    url, pid, end = sys.argv[1], sys.argv[2], int(sys.argv[3])
    http_only = os.environ.get("ALL") is None
    for spec in sys.argv[4:]:
        p = spec.split(":")
        target, span, step, n = p[0], int(p[1]), int(p[2]), int(p[3])
        if len(p) > 4:
            q = 'sum by (code) (rate(bench_http_requests_total{instance="%s"}[5m]))' % target
        else:
            q = 'rate(bench_http_requests_total{instance="%s",handler="h1"}[5m])' % target
        body = urllib.parse.urlencode({"query": q, "start": end - span, "end": end, "step": step}).encode()
        walls, cpus = [], []
        all0 = cpu_ms(pid, False)
        for _ in range(n):
            c0, t0 = cpu_ms(pid, http_only), time.perf_counter()
            with urllib.request.urlopen(urllib.request.Request(url + "/api/v1/query_range", data=body), timeout=30) as r:
                doc = json.loads(r.read())
            walls.append((time.perf_counter() - t0) * 1000)
            cpus.append(cpu_ms(pid, http_only) - c0)
            if doc.get("status") != "success":
                raise RuntimeError(str(doc)[:300])
        print("%-24s cpu/request ms: %s | median %.1f | wall median %.1f ms | process %.0f ms" % (
            spec, " ".join("%.1f" % c for c in cpus), sorted(cpus)[n // 2], sorted(walls)[n // 2],
            cpu_ms(pid, False) - all0), flush=True)


if __name__ == "__main__":
    main()

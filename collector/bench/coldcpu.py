#!/usr/bin/env python3
"""CPU a freshly started JVM spends on its first small query_range requests (the warm-up cost).

usage: coldcpu.py URL PID RUNS [END_UNIX_SECONDS]
For three one-target queries in turn (rate 1h/15s, rate 24h/120s, sum by code 1h/15s), sends RUNS
requests and prints the median wall time, the CPU of the process's Tomcat threads (http-nio-*)
during them, and the CPU of the whole process (JIT compiler threads included) up to 1 s after.
Bounded: 3 x RUNS requests with a 30 s timeout each.
"""
import os
import statistics
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
            f = open("/proc/%s/task/%s/stat" % (pid, t)).read().rsplit(")", 1)[1].split()
            total += int(f[11]) + int(f[12])
        except FileNotFoundError:
            pass
    return total * 1000 // os.sysconf("SC_CLK_TCK")


def main():
    url, pid, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    end = int(sys.argv[4]) if len(sys.argv) > 4 else int(time.time()) // 120 * 120
    rate = 'rate(bench_http_requests_total{instance="target-7",handler="h1"}[5m])'
    cases = [(rate, 3600, 15), (rate, 86400, 120),
             ('sum by (code) (rate(bench_http_requests_total{instance="target-7"}[5m]))', 3600, 15)]
    for q, span, step in cases:
        body = urllib.parse.urlencode({"query": q, "start": end - span, "end": end, "step": step}).encode()
        all0, http0 = cpu_ms(pid, False), cpu_ms(pid, True)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            with urllib.request.urlopen(urllib.request.Request(url + "/api/v1/query_range", data=body), timeout=30) as r:
                r.read()
            times.append(1000 * (time.perf_counter() - t0))
        http1 = cpu_ms(pid, True)
        time.sleep(1)
        all1 = cpu_ms(pid, False)
        print("%s %ds/%ds: wall median %.1f ms; Tomcat threads %d ms CPU; process %d ms CPU (+1 s) for %d runs"
              % (q[:40], span, step, statistics.median(times), http1 - http0, all1 - all0, runs), flush=True)


if __name__ == "__main__":
    main()

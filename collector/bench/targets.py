#!/usr/bin/env python3
"""Synthetic scrape targets for the collector's whole-process benchmark.

One process, one port, N targets at /metrics/<n>, each exposing 2000 series by default:
  bench_http_requests_total{handler,code}                  100 handlers x 5 codes   =  500 counters
  bench_http_request_duration_seconds_{bucket,sum,count}   100 handlers x (11 + 2)  = 1300 (histograms)
  bench_memory_bytes{area}                                 200 gauges               =  200
Values change with every 5-second tick of the wall clock (counters grow, gauges move), so every
scrape at a 15s interval sees new values. Also writes the prometheus.yml both scrapers use.

usage: targets.py PORT TARGETS CONFIG_OUT INTERVAL   (e.g. 19300 100 /tmp/ibench/prometheus.yml 15s)
"""
import sys
import time
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

LE = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf"]
CODES = ["200", "201", "404", "500", "503"]


def build_template():
    """List of (line prefix, kind, a, b): value = a + b * tick for counters, a + (b*tick % 1000) for gauges."""
    rows = ["# HELP bench_http_requests_total Requests handled.\n# TYPE bench_http_requests_total counter\n"]
    series = []
    for h in range(100):
        for ci, c in enumerate(CODES):
            series.append(('bench_http_requests_total{handler="h%d",code="%s"} ' % (h, c), 1000 * h + ci, 1 + (h + ci) % 7))
    hist = []
    for h in range(100):
        for i, le in enumerate(LE):
            hist.append(('bench_http_request_duration_seconds_bucket{handler="h%d",le="%s"} ' % (h, le), 10 * i, 3 * (i + 1)))
        hist.append(('bench_http_request_duration_seconds_sum{handler="h%d"} ' % h, 0, 7))
        hist.append(('bench_http_request_duration_seconds_count{handler="h%d"} ' % h, 100, 33))
    gauges = [('bench_memory_bytes{area="a%d"} ' % a, 1_000_000 * (a + 1), 4099 + a) for a in range(200)]
    return series, hist, gauges


SERIES, HIST, GAUGES = build_template()
START = time.time()


def body(target, tick):
    out = ["# HELP bench_http_requests_total Requests handled.\n# TYPE bench_http_requests_total counter\n"]
    off = target * 13
    out.extend("%s%d\n" % (p, a + off + b * tick) for p, a, b in SERIES)
    out.append("# HELP bench_http_request_duration_seconds Request latency.\n# TYPE bench_http_request_duration_seconds histogram\n")
    out.extend("%s%d\n" % (p, a + off + b * tick) for p, a, b in HIST)
    out.append("# HELP bench_memory_bytes Memory in use.\n# TYPE bench_memory_bytes gauge\n")
    out.extend("%s%d\n" % (p, a + (b * (tick + off)) % 1_000_003) for p, a, b in GAUGES)
    return "".join(out).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        parts = self.path.split("/")
        if len(parts) != 3 or parts[1] != "metrics" or not parts[2].isdigit() or int(parts[2]) >= TARGETS:
            self.send_error(404)
            return
        data = body(int(parts[2]), int((time.time() - START) // 5))
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port, TARGETS, config, interval = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    # the timeout may not exceed the interval (Prometheus refuses the config)
    timeout = interval if interval.endswith("s") and interval[:-1].isdigit() and int(interval[:-1]) < 10 else "10s"
    with open(config, "w") as f:
        f.write("global:\n  scrape_interval: %s\n  scrape_timeout: %s\n"
                "scrape_configs:\n  - job_name: bench\n    static_configs:\n" % (interval, timeout))
        for n in range(TARGETS):
            f.write("      - targets: ['127.0.0.1:%d']\n"
                    "        labels: {__metrics_path__: /metrics/%d, instance: 'target-%d'}\n" % (port, n, n))
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()

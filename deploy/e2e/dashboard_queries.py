#!/usr/bin/env python3
"""Check 3 of deploy/e2e.sh: every dashboard query whose metrics exist in the collector returns data.

Reads every dashboard JSON, replaces Grafana's variables as the dashboards module's test does
(GrafanaVariables: $__rate_interval -> 1m, $__range -> 1h, dashboard variables -> .*), finds the
metric names each query refers to, and for the queries whose metrics all exist in the collector
(/api/v1/label/__name__/values) runs an instant query and expects a non-empty result. A query whose
metrics do not all exist is skipped only when each missing metric is one of MAY_LACK (given as
NAME=REASON), else it fails: every other metric a dashboard shows must be served by some service.
Usage: dashboard_queries.py COLLECTOR_URL DASHBOARD_DIR [NAME=REASON ...]
       (exit 1 listing the empty queries and those with unexpectedly missing metrics)
"""
import glob, json, os, re, sys, urllib.error, urllib.parse, urllib.request

BUILT_IN = {"__rate_interval": "1m", "__interval": "30s", "__range": "1h", "__interval_ms": "30000",
            "__range_ms": "3600000", "__range_s": "3600"}
VARIABLE = re.compile(r"\$\{([a-zA-Z_]\w*)(?::[^}]*)?}|\[\[([a-zA-Z_]\w*)(?::[^\]]*)?]]|\$([a-zA-Z_]\w*)")
KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or",
            "unless", "offset", "inf", "nan"}


def substitute(expr):
    def value(m):
        name = m.group(1) or m.group(2) or m.group(3)
        if name in BUILT_IN:
            return BUILT_IN[name]
        low = name.lower()
        return "1m" if ("interval" in low or "resolution" in low) else ".*"
    return VARIABLE.sub(value, expr)


def metric_names(expr):
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)                      # strings
    text = re.sub(r"\{[^}]*}", "", text)                                 # label matchers
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", text)
    text = re.sub(r"\[[^\]]*]", "", text)                                # ranges
    names = set()
    for m in re.finditer(r"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*", text):
        rest = text[m.end():].lstrip()
        word = m.group(0)
        if rest.startswith("(") or word.lower() in KEYWORDS or re.fullmatch(r"\d+[smhdwy]", word):
            continue
        names.add(word)
    return names


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        body = e.read().decode("utf-8", "replace")[:300]
        print("GET %s: HTTP %d %s" % (url, e.code, body))
        sys.exit(1)
    except (urllib.error.URLError, OSError, ValueError) as e:
        print("GET %s: %s" % (url, e))
        sys.exit(1)


def main():
    base, folder = sys.argv[1], sys.argv[2]
    may_lack = dict(arg.split("=", 1) for arg in sys.argv[3:])
    existing = set(get(base + "/api/v1/label/__name__/values")["data"])
    checked, skipped, empty, unserved = 0, 0, [], []
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        dash = json.load(open(path))
        panels = list(dash.get("panels", []))
        for p in list(panels):
            panels.extend(p.get("panels", []))
        for p in panels:
            for t in p.get("targets", []):
                if "expr" not in t or t.get("hide"):
                    continue
                expr = substitute(t["expr"])
                missing = metric_names(expr) - existing
                place = '%s: panel "%s" target %s' % (os.path.basename(path), p.get("title"), t.get("refId"))
                if missing - may_lack.keys():
                    unserved.append("%s: %s (no %s in the collector)"
                                    % (place, expr, ", ".join(sorted(missing - may_lack.keys()))))
                    continue
                if missing:
                    skipped += 1
                    print("  skip  %s (no %s: %s)" % (place, ", ".join(sorted(missing)),
                                                       "; ".join(may_lack[m] for m in sorted(missing))))
                    continue
                checked += 1
                result = get(base + "/api/v1/query?" + urllib.parse.urlencode({"query": expr}))
                if result.get("status") != "success" or not result["data"]["result"]:
                    empty.append("%s: %s -> %s" % (place, expr, json.dumps(result)[:300]))
    print("dashboard queries: %d with existing metrics checked, %d skipped, %d empty, %d with metrics no service serves"
          % (checked, skipped, len(empty), len(unserved)))
    for e in empty:
        print("  EMPTY " + e)
    for u in unserved:
        print("  UNSERVED " + u)
    sys.exit(1 if empty or unserved or checked == 0 else 0)


if __name__ == "__main__":
    main()

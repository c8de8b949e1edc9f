#!/usr/bin/env python3
"""Checks 3 and 4a of deploy/e2e.sh: every dashboard query returns data through the collector's API.

Reads every dashboard JSON, replaces Grafana's variables as the dashboards module's test does
(GrafanaVariables: $__rate_interval -> 1m, $__range -> 1h, dashboard variables -> .*), finds the
metric names each query refers to, runs it as an instant query and expects a non-empty result. A
query referring to a metric the collector does not have (/api/v1/label/__name__/values) fails: every
metric a dashboard shows must be served by some service.
--later NAME leaves the queries referring to NAME for a later run with --only NAME, which checks
just those: a metric that exists only after some event (container_crashes_total, after a crash) is
checked once the event happened, never skipped.
Usage: dashboard_queries.py COLLECTOR_URL DASHBOARD_DIR [--later NAME ... | --only NAME ...]
       (exit 1 listing the empty queries and those of metrics the collector does not have)
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


def parse(args):
    later, only = set(), set()
    while args:
        if len(args) < 2 or args[0] not in ("--later", "--only"):
            sys.exit("usage: dashboard_queries.py COLLECTOR_URL DASHBOARD_DIR [--later NAME ... | --only NAME ...]")
        (later if args[0] == "--later" else only).add(args[1])
        args = args[2:]
    if later and only:
        sys.exit("--later and --only exclude each other")
    return later, only


def main():
    base, folder = sys.argv[1], sys.argv[2]
    later, only = parse(sys.argv[3:])
    existing = set(get(base + "/api/v1/label/__name__/values")["data"])
    checked, left, empty, unserved = 0, 0, [], []
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
                names = metric_names(expr)
                if names & later:
                    left += 1
                    continue
                if only and not names & only:
                    continue
                place = '%s: panel "%s" target %s' % (os.path.basename(path), p.get("title"), t.get("refId"))
                missing = names - existing
                if missing:
                    unserved.append("%s: %s (no %s in the collector)" % (place, expr, ", ".join(sorted(missing))))
                    continue
                checked += 1
                result = get(base + "/api/v1/query?" + urllib.parse.urlencode({"query": expr}))
                if result.get("status") != "success" or not result["data"]["result"]:
                    empty.append("%s: %s -> %s" % (place, expr, json.dumps(result)[:300]))
    which = "dashboard queries" + (" of " + ", ".join(sorted(only)) if only else "")
    print("%s: %d checked, %d empty, %d of metrics the collector does not have%s"
          % (which, checked, len(empty), len(unserved),
             "; %d left for the run with --only %s" % (left, " ".join(sorted(later))) if later else ""))
    for e in empty:
        print("  EMPTY " + e)
    for u in unserved:
        print("  UNSERVED " + u)
    sys.exit(1 if empty or unserved or checked == 0 else 0)

if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# End-to-end test of the whole suite deployed as a Docker stack on this machine (run by .ci/run
# after `./mvnw -B verify`, which leaves each service's jar in <module>/target).
#
# It starts dockerd if none answers, makes this engine a single-node Swarm if it is not one, builds
# every image locally (a JRE base image from Debian packages, the five services, and stand-ins for
# hashicorp/consul and apache/kafka under the tags the stack file names, since no registry is
# reachable), deploys deploy/docker-stack.yml unchanged, and checks:
#   1. Consul lists every exporter, the collector and the alert-manager, all passing;
#   2. the collector's /api/v1/targets shows every exporter up, found through Consul;
#   3. every dashboard query returns data through the collector's API, the engine's own metrics
#      included; those of container_crashes_total, which exists only after a crash, right after 4a;
#   4. a crashing container and a rule-based alert (a task burning CPU) each reach a local Slack
#      receiver, and the alert-manager takes the rule-based one from Kafka;
#   5. `docker stack rm` removes everything.
# It always cleans up, also when a check fails.
#
# The engine must serve its own metrics (dockerd --metrics-addr, e.g. 0.0.0.0:9323) where a task on
# the stack's network reaches them: dockerd-exporter passes them on, and the Docker-engine dashboard
# shows them. The script checks that before the first check and fails naming the fix, rather than
# skipping those panels: a dashboard test that passes while panels are left unchecked proves nothing,
# and a silently skipped check is how an engine without metrics would go unnoticed. `.ci/run` starts
# (or, when that is safe, restarts) the engine with the flag; so does this script when no engine runs.
#
# Environment: SWARMMON_E2E_ADDR (where published ports answer; default 127.0.0.1),
# SWARMMON_E2E_ADVERTISE_ADDR (for `docker swarm init`; default the address of the default
# route), SWARMMON_E2E_STACK (stack name; default swarmmon), DOCKERD_METRICS_URL (the engine's
# metrics as a task sees them; default http://<docker_gwbridge's gateway>:9323/metrics), DOCKER_HOST
# (see deploy/scripts/isolated-dockerd.sh to run beside a busy engine).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
stack="${SWARMMON_E2E_STACK:-swarmmon}"
addr="${SWARMMON_E2E_ADDR:-127.0.0.1}"
tag=e2e
services=(node-exporter container-exporter dockerd-exporter collector alert-manager)
receiver="${stack}-e2e-slack"
started=$(date +%s)
log() { echo "[e2e $(( $(date +%s) - started ))s] $*"; }
fail() { echo "[e2e $(( $(date +%s) - started ))s] FAILED check $1: $2" >&2; exit 1; }

# wait_for SECONDS DESCRIPTION COMMAND...: runs COMMAND every 5 s until it succeeds; its last
# output is kept in $seen for the failure message.
seen=""
wait_for() {
  local limit=$1 what=$2; shift 2
  local deadline=$(( $(date +%s) + limit ))
  while true; do
    if seen=$("$@" 2>&1); then return 0; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "gave up after ${limit}s waiting for: $what"
      return 1
    fi
    sleep 5
  done
}

# ---------------------------------------------------------------------------------------------
# 0. Engine and Swarm
if ! docker info >/dev/null 2>&1; then
  if [ -n "${DOCKER_HOST:-}" ]; then fail 0 "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST"; fi
  log "starting dockerd"
  nohup dockerd --storage-driver=vfs --iptables=false --metrics-addr 0.0.0.0:9323 >/var/log/swarmmon-e2e-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || fail 0 "dockerd did not start; see /var/log/swarmmon-e2e-dockerd.log"
fi
we_made_the_swarm=false
if [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
  ip="${SWARMMON_E2E_ADVERTISE_ADDR:-}"
  [ -n "$ip" ] || ip=$(ip -4 route get 1.1.1.1 2>/dev/null | awk '{for (i = 1; i < NF; i++) if ($i == "src") print $(i + 1)}' | head -1)
  [ -n "$ip" ] || ip=$(hostname -I | awk '{print $1}')
  log "docker swarm init --advertise-addr $ip"
  docker swarm init --advertise-addr "$ip" >/dev/null
  we_made_the_swarm=true
fi
# Swarm creates docker_gwbridge on init; its gateway is the host as every task sees it (with
# --iptables=false there is no NAT, so the engine's metrics address must be the gateway's or 0.0.0.0)
if [ -z "${DOCKERD_METRICS_URL:-}" ]; then
  gateway=$(docker network inspect docker_gwbridge --format '{{range .IPAM.Config}}{{.Gateway}} {{end}}' 2>/dev/null | awk '{print $1}')
  [ -n "$gateway" ] || fail 0 "this Swarm node has no docker_gwbridge network with a gateway"
  DOCKERD_METRICS_URL="http://$gateway:9323/metrics"
fi
export DOCKERD_METRICS_URL

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  log "cleaning up"
  docker service rm "$receiver" "${stack}-e2e-metrics" "${stack}-e2e-crash" "${stack}-e2e-burn" >/dev/null 2>&1 || true
  if docker stack ls --format '{{.Name}}' 2>/dev/null | grep -qx "$stack"; then
    docker stack rm "$stack" >/dev/null 2>&1 || true
  fi
  for _ in $(seq 1 60); do
    [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$stack")" ] && \
      [ -z "$(docker network ls -q --filter "label=com.docker.stack.namespace=$stack")" ] && break
    sleep 2
  done
  docker config rm "${receiver}-hook" >/dev/null 2>&1 || true
  docker secret rm "${stack}_e2e_slack_url" >/dev/null 2>&1 || true
  docker volume ls -q --filter "label=com.docker.stack.namespace=$stack" | xargs -r docker volume rm >/dev/null 2>&1 || true
  if $we_made_the_swarm; then docker swarm leave --force >/dev/null 2>&1 || true; fi
  if [ $rc -eq 0 ]; then log "PASSED"; else log "FAILED (exit $rc)"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# Images
default_image() { # the default of ${VAR:-default} in the stack file
  sed -n "s/.*\${$1:-\([^}]*\)}.*/\1/p" deploy/docker-stack.yml | head -1
}
build() { # quiet, but the legacy builder's deprecation notice is not news
  docker build -q --network none "$@" 2> >(grep -v -i -E 'deprecated|buildx|buildkit|^$' >&2) >/dev/null
}

log "JRE base image (debootstrap bookworm + openjdk-17-jre-headless, cached under ~/.cache/swarmmon)"
base=$(deploy/scripts/jre-base-image.sh swarmmon/jre:17-bookworm)
for m in "${services[@]}"; do
  jar="$m/target/$m-exec.jar"
  [ -f "$jar" ] || fail 0 "$jar is missing: run ./mvnw -B package (or verify) first"
  log "image swarmmon/$m:$tag"
  build --build-arg BASE_IMAGE="$base" -f "deploy/$m/Dockerfile" -t "swarmmon/$m:$tag" "$m/target"
done
consul_image=$(default_image CONSUL_IMAGE)
kafka_image=$(default_image KAFKA_IMAGE)
grafana_image=$(default_image GRAFANA_IMAGE)
if ! docker image inspect "$consul_image" >/dev/null 2>&1 && ! timeout 60 docker pull -q "$consul_image" >/dev/null 2>&1; then
  log "image $consul_image: built locally from the Go-built Consul binary"
  deploy/consul-image/build.sh "$consul_image" "$base" >/dev/null
fi
if ! docker image inspect "$kafka_image" >/dev/null 2>&1 && ! timeout 60 docker pull -q "$kafka_image" >/dev/null 2>&1; then
  log "image $kafka_image: built locally from Kafka's jars on Maven Central"
  deploy/kafka-image/build.sh "$kafka_image" "$base" >/dev/null
fi
with_grafana=true
if ! docker image inspect "$grafana_image" >/dev/null 2>&1 && ! timeout 60 docker pull -q "$grafana_image" >/dev/null 2>&1; then
  with_grafana=false
  log "NOTE: $grafana_image cannot be had here (no registry); Grafana is left out (scaled to 0)"
fi
# rebuilt on every run (two seconds): an image left by an older version of this script may lack a
# directory the receiver needs
log "image swarmmon/busybox:$tag (Debian's busybox-static) for the Slack receiver and test tasks"
bb=$(command -v busybox) || fail 0 "busybox is not installed (apt-get install busybox-static)"
rootfs=$(mktemp -d)
mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/www/cgi-bin"
chmod 0755 "$rootfs"; chmod 1777 "$rootfs/tmp"
cp "$bb" "$rootfs/bin/busybox"
for applet in $("$bb" --list); do [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"; done
tar -C "$rootfs" -c . | docker import - "swarmmon/busybox:$tag" >/dev/null
rm -rf "$rootfs"

# ---------------------------------------------------------------------------------------------
# Deploy: the Slack webhook secret points at the local receiver, deployed beside the stack
docker secret rm "${stack}_e2e_slack_url" >/dev/null 2>&1 || true  # left by an interrupted run
printf 'http://%s:8080/cgi-bin/hook' "$receiver" | docker secret create "${stack}_e2e_slack_url" - >/dev/null
# the exporters must watch the engine the stack runs on: with DOCKER_HOST=unix://<path> (e.g. the
# isolated dockerd) that is <path>, not the host's /var/run/docker.sock of another engine
case "${DOCKER_HOST:-}" in unix://*) export DOCKER_SOCKET="${DOCKER_HOST#unix://}" ;; esac
log "docker stack deploy -c deploy/docker-stack.yml $stack"
SWARMMON_REGISTRY=swarmmon SWARMMON_TAG=$tag SLACK_CHANNEL='#e2e' SLACK_URL_SECRET="${stack}_e2e_slack_url" \
  docker stack deploy --resolve-image never -c deploy/docker-stack.yml "$stack"
if ! $with_grafana; then docker service scale -d "${stack}_grafana=0" >/dev/null; fi
# The engine's own metrics, fetched as dockerd-exporter's task will: by a task on the stack's
# network (a service, not `docker run --network`: a container that fails to attach to an attachable
# network can leave a network-attachment task behind that keeps `docker stack rm` from removing it)
log "the engine's own metrics: fetching $DOCKERD_METRICS_URL from a task on ${stack}_net"
probe="${stack}-e2e-metrics"
docker service create -d -q --no-resolve-image --name "$probe" --network "${stack}_net" --restart-condition none \
  "swarmmon/busybox:$tag" sh -c "timeout 10 wget -q -O /tmp/m '$DOCKERD_METRICS_URL' 2>&1; \
    echo series=\$(grep -c '^engine_daemon_container_actions_seconds_bucket' /tmp/m 2>/dev/null)" >/dev/null
probe_done() {
  local state
  state=$(docker service ps --format '{{.CurrentState}} {{.Error}}' "$probe" 2>&1 | head -1)
  case "$state" in Complete*|Failed*|Rejected*) ;; *) echo "the probe task is ${state:-not scheduled yet}"; return 1 ;; esac
}
wait_for 120 "the engine-metrics probe" probe_done || fail 0 "$seen"
said=$(docker service logs --raw "$probe" 2>&1)
docker service rm "$probe" >/dev/null
series=$(printf '%s\n' "$said" | sed -n 's/^series=//p' | tail -1)
[ "${series:-0}" -gt 0 ] 2>/dev/null || fail 0 "the Docker engine serves no metrics at $DOCKERD_METRICS_URL as a task \
on ${stack}_net sees it (the task said: ${said//$'\n'/ }). Restart dockerd with --metrics-addr 0.0.0.0:9323 (as .ci/run \
does; or \"metrics-addr\": \"0.0.0.0:9323\" in /etc/docker/daemon.json; isolated-dockerd.sh stop, then start, for its \
engine), or set DOCKERD_METRICS_URL to where it serves them"
log "the engine serves them there ($series engine_daemon_container_actions_seconds_bucket series)"
docker config create "${receiver}-hook" deploy/e2e/slack-hook.cgi >/dev/null
docker service create -d -q --no-resolve-image --name "$receiver" --network "${stack}_net" --endpoint-mode dnsrr \
  --config source="${receiver}-hook",target=/www/cgi-bin/hook,mode=0755 \
  "swarmmon/busybox:$tag" httpd -f -p 8080 -h /www >/dev/null

slack_messages() {
  local c
  c=$(docker ps -q --filter "label=com.docker.swarm.service.name=$receiver" | head -1)
  [ -n "$c" ] && docker exec "$c" cat /tmp/slack-messages.log 2>/dev/null || true
}
api() { curl -fsS --max-time 10 "$@"; }
# json URL PYTHON [ARGS]: fetches URL and runs PYTHON on its JSON (as `doc`); a failed fetch or a
# body that is not JSON is reported in one line, not as a traceback.
json() {
  local url=$1 code=$2 body; shift 2
  body=$(api "$url" 2>&1) || { echo "GET $url: $body"; return 1; }
  printf '%s' "$body" | python3 -c '
import json, sys
try:
    doc = json.load(sys.stdin)
except ValueError:
    print("GET %s: not JSON" % sys.argv[1]); sys.exit(1)
sys.argv = sys.argv[2:]
exec(sys.argv[0])' "$url" "$code" "$@"
}
show_services() { docker service ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Name}} {{.Replicas}}'; }

# ---------------------------------------------------------------------------------------------
# 1. Consul lists every service of the suite, passing
consul_lists_all() {
  local s n missing=()
  for s in "${services[@]}"; do
    n=$(json "http://$addr:8500/v1/health/service/$s?passing" 'print(len(doc))') || n=0
    [ "$n" -ge 1 ] || missing+=("$s")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "not (yet) passing in Consul: ${missing[*]}; services: $(show_services | tr '\n' ';')"
  return 1
}
log "check 1: Consul's catalog lists ${services[*]}, passing"
wait_for 420 "check 1" consul_lists_all || fail 1 "$seen"
log "check 1 passed"

# 2. The collector scrapes every exporter, the alert-manager and itself, found through Consul
targets_up() {
  json "http://$addr:9090/api/v1/targets" '
required = set(sys.argv[1].split())
targets = doc["data"]["activeTargets"]
bad, info = [], []
for job in sorted(required | {"collector", "alert-manager"}):
    mine = [t for t in targets if t["labels"].get("job") == job]
    problems = bad if job in required else info
    if not mine:
        problems.append(job + ": no target"); continue
    for t in mine:
        if "__meta_consul_service" not in t.get("discoveredLabels", {}):
            problems.append(job + ": " + t["scrapeUrl"] + " not found through Consul")
        if t["health"] != "up":
            problems.append(job + ": " + t["scrapeUrl"] + " is " + t["health"] + " (" + t.get("lastError", "") + ")")
print("; ".join(bad) if bad else "every target up" + (" (also: " + "; ".join(info) + ")" if info else ""))
sys.exit(1 if bad else 0)' "${services[*]}"
}
log "check 2: the collector's targets show every service of the suite up, found through Consul"
wait_for 180 "check 2" targets_up || fail 2 "$seen"
log "check 2 passed: $seen"

# 3. Every dashboard query returns data (after a few scrapes, for rates); those of
# container_crashes_total, which appears with the first crash, are checked right after check 4a
dashboards=dashboards/src/main/resources/grafana/dashboards
log "check 3: dashboard queries return data through the collector's API"
sleep 45
wait_for 120 "check 3" python3 deploy/e2e/dashboard_queries.py "http://$addr:9090" "$dashboards" \
  --later container_crashes_total || fail 3 "$seen"
echo "$seen"
log "check 3 passed"

# 4. A crashing container, and a rule-based alert through Kafka, each reach Slack
# (both tasks on the stack's overlay network: on an engine without a docker0 bridge, a task left on
# the default bridge network fails to start and never runs, so nothing would exit 3 or burn CPU)
log "check 4a: a container that exits 3 is reported to Slack (ContainerCrashed)"
docker service create -d -q --no-resolve-image --name "${stack}-e2e-crash" --network "${stack}_net" --restart-condition none \
  "swarmmon/busybox:$tag" sh -c 'echo "e2e: about to crash"; exit 3' >/dev/null
# slack_has TEXT: some message the receiver got mentions TEXT, and every message is a payload Slack's
# incoming webhooks accept (a JSON object with text, attachments or blocks)
slack_has() {
  slack_messages | python3 -c '
import json, sys
lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
for i, line in enumerate(lines, 1):
    try:
        msg = json.loads(line)
    except ValueError as e:
        print("Slack message %d is not JSON (%s): %.200s" % (i, e, line)); sys.exit(1)
    if not isinstance(msg, dict) or not any(msg.get(k) for k in ("text", "attachments", "blocks")):
        print("Slack message %d has no text, attachments or blocks: %.200s" % (i, line)); sys.exit(1)
if not any(sys.argv[1] in l for l in lines):
    print("Slack receiver has %d message(s), none with %s" % (len(lines), sys.argv[1])); sys.exit(1)' "$1"
}
wait_for 240 "check 4a" slack_has ContainerCrashed \
  || fail 4 "$seen; the crash task: $(docker service ps --no-trunc --format '{{.CurrentState}} {{.Error}}' "${stack}-e2e-crash" 2>&1 | head -1)"
# the dashboard queries check 3 left for after the crash
wait_for 120 "check 3 (after the crash)" python3 deploy/e2e/dashboard_queries.py "http://$addr:9090" "$dashboards" \
  --only container_crashes_total || fail 3 "after the crash: $seen"
echo "$seen"
log "check 4a passed, and check 3 for the queries of container_crashes_total"

# two busy loops: on a loaded machine one loop alone may get less than the rule's 50% of a core
log "check 4b: a task burning CPU fires task_high_cpu_usage_50, which reaches Slack, taken from Kafka"
docker service create -d -q --no-resolve-image --name "${stack}-e2e-burn" --network "${stack}_net" --restart-condition none \
  "swarmmon/busybox:$tag" sh -c 'while :; do :; done & while :; do :; done' >/dev/null
wait_for 420 "check 4b" slack_has task_high_cpu_usage_50 || fail 4 "$seen"
# the collector publishes alerts to Kafka as well as over HTTP: the alert-manager must have taken
# them from the topic
from_kafka() {
  local n
  n=$(api "http://$addr:9093/metrics" | awk '/^alertmanager_kafka_alert_records_total\{result="accepted"}/ {print int($2)}')
  [ "${n:-0}" -ge 1 ] || { echo "the alert-manager has consumed no alert record from Kafka (accepted: ${n:-none})"; return 1; }
  echo "$n alert records consumed from Kafka"
}
wait_for 60 "check 4b (Kafka)" from_kafka || fail 4 "the alert reached Slack, but $seen"
log "check 4b passed ($seen)"
docker service rm "${stack}-e2e-crash" "${stack}-e2e-burn" >/dev/null

# 5. docker stack rm removes everything
log "check 5: docker stack rm $stack removes everything"
docker service rm "$receiver" >/dev/null
docker stack rm "$stack" >/dev/null
stack_gone() {
  local left
  left="$(docker service ls -q --filter "label=com.docker.stack.namespace=$stack") $(docker ps -aq --filter "label=com.docker.stack.namespace=$stack") $(docker network ls -q --filter "label=com.docker.stack.namespace=$stack")"
  [ -z "${left// /}" ] || { echo "still there: $left"; return 1; }
}
wait_for 120 "check 5" stack_gone || fail 5 "$seen"
log "check 5 passed"

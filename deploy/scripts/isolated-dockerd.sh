#!/usr/bin/env bash
# Starts (or stops) a Docker engine of its own in a separate network namespace, for running
# deploy/e2e.sh on a machine whose main engine is busy (e.g. already a Swarm member, which holds the
# Swarm ports 2377/7946 that a second engine would need). The engine's socket is printed; use it as
#   DOCKER_HOST=unix://$(deploy/scripts/isolated-dockerd.sh start) deploy/e2e.sh
# Usage: isolated-dockerd.sh start|stop  (state under ${SWARMMON_DOCKERD_DIR:-/tmp/swarmmon-dockerd})
set -euo pipefail
dir="${SWARMMON_DOCKERD_DIR:-/tmp/swarmmon-dockerd}"
ns=swarmmon-e2e
sock="$dir/docker.sock"

case "${1:-}" in
  start)
    mkdir -p "$dir"
    if DOCKER_HOST="unix://$sock" docker info >/dev/null 2>&1; then echo "$sock"; exit 0; fi
    if ! ip netns list | grep -qw "$ns"; then
      ip netns add "$ns"
      ip link add sm-e2e-host type veth peer name sm-e2e-ns
      ip link set sm-e2e-ns netns "$ns"
      ip addr add 192.168.231.1/30 dev sm-e2e-host
      ip link set sm-e2e-host up
      ip netns exec "$ns" ip addr add 192.168.231.2/30 dev sm-e2e-ns
      ip netns exec "$ns" ip link set sm-e2e-ns up
      ip netns exec "$ns" ip link set lo up
      # no default route: registry look-ups fail at once instead of timing out on every task start
    fi
    # nsenter, not `ip netns exec`: the latter remounts /sys, which hides the cgroup mounts dockerd needs
    nsenter --net="/var/run/netns/$ns" setsid dockerd --data-root "$dir/data" --exec-root "$dir/exec" \
      --pidfile "$dir/dockerd.pid" -H "unix://$sock" --storage-driver=vfs --iptables=false \
      --metrics-addr 0.0.0.0:9323 >"$dir/dockerd.log" 2>&1 < /dev/null &
    for _ in $(seq 1 60); do
      DOCKER_HOST="unix://$sock" docker info >/dev/null 2>&1 && { echo "$sock"; exit 0; }
      sleep 1
    done
    echo "the isolated dockerd did not start; see $dir/dockerd.log" >&2
    exit 1
    ;;
  stop)
    [ -f "$dir/dockerd.pid" ] && kill "$(cat "$dir/dockerd.pid")" 2>/dev/null || true
    for _ in $(seq 1 30); do [ -S "$sock" ] && [ -f "$dir/dockerd.pid" ] || break; sleep 1; done
    ip netns del "$ns" 2>/dev/null || true
    ip link del sm-e2e-host 2>/dev/null || true
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Stops the private dockerd and registry started by test/engine/up.sh.
# Images, registry storage and build caches under the state dir are kept.
# Idempotent. `--engine-only` leaves the registry running.
set -euo pipefail

log() { printf '[engine] %s\n' "$*" >&2; }

STATE=${BRIDGEVIEW_ENGINE_DIR:-/var/tmp/bridgeview-engine}
SOCK=$STATE/docker.sock
engine_only=0
[[ ${1:-} == --engine-only ]] && engine_only=1

[[ -d $STATE ]] || { log "nothing to stop ($STATE does not exist)"; exit 0; }

# Print the pid from $1 if that process is alive and its cmdline contains $2.
live_pid() {
  local pid
  [[ -s $1 ]] || return 1
  pid=$(cat "$1")
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$2" || return 1
  echo "$pid"
}

stop_pid() { # $1 = pid, $2 = name, $3 = seconds to wait before SIGKILL
  local pid=$1 i
  log "stopping $2 (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < $3 * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "$2 did not stop within $3 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.5
}

if pid=$(live_pid "$STATE/docker.pid" "$SOCK"); then
  # dockerd stops its containers (15 s shutdown timeout) and its containerd.
  stop_pid "$pid" dockerd 45
else
  log "dockerd not running"
fi
# A containerd left behind by a killed dockerd.
if pid=$(live_pid "$STATE/exec-root/containerd/containerd.pid" "$STATE/exec-root/containerd"); then
  stop_pid "$pid" containerd 10
fi
rm -f "$STATE/docker.pid" "$SOCK"

# Leftover mounts (only after an unclean stop): unmount what lives in $STATE.
state_real=$(readlink -f "$STATE")
if ! live_pid "$STATE/docker.pid" "$SOCK" >/dev/null; then
  awk '{print $2}' /proc/self/mounts | { grep -E "^$state_real/(data-root|exec-root)(/|$)" || true; } |
    sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
fi

if ((engine_only == 0)); then
  if pid=$(live_pid "$STATE/registry.pid" "$STATE/registry/config.yml"); then
    stop_pid "$pid" registry 10
  else
    log "registry not running (or not started by up.sh)"
  fi
  rm -f "$STATE/registry.pid"
fi
rm -f "$STATE/env"
log "stopped; caches kept in $STATE"

#!/usr/bin/env bash
# `make run`: the demo with what it needs. Starts pcscd (the smart-card service, which
# loads the vpcd virtual reader the demo's virtual cards sit on) when none is running,
# runs `motcua --demo`, and stops the pcscd it started — by PID — when the app ends.
# A pcscd already running (the system's, or socket-activated by systemd) is reused
# and left alone.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
RUN=.make/run
mkdir -p "$RUN"
PCSCD_PID=""

log() { echo "demo: $*" >&2; }

pcscd_available() {
  pgrep -x pcscd >/dev/null && return 0
  command -v systemctl >/dev/null && systemctl is-active --quiet pcscd.socket 2>/dev/null
}

start_pcscd() {
  if pcscd_available; then log "pcscd already running: reused"; return; fi
  if ! command -v pcscd >/dev/null; then
    log "pcscd is not installed (scripts/setup.sh installs it): the virtual card will not work"
    return
  fi
  if [ "$(id -u)" != 0 ] && ! [ -w /run/pcscd ] 2>/dev/null; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo -n pcscd --foreground >"$RUN/demo-pcscd.log" 2>&1 &
    else
      log "pcscd needs root to start: run 'sudo pcscd' (the app says so on its intake screen)"
      return
    fi
  else
    pcscd --foreground >"$RUN/demo-pcscd.log" 2>&1 &
  fi
  PCSCD_PID=$!
  for _ in $(seq 25); do pgrep -x pcscd >/dev/null && break; sleep 0.2; done
  if kill -0 "$PCSCD_PID" 2>/dev/null; then
    log "pcscd started (PID $PCSCD_PID), with the vpcd virtual reader"
  else
    log "pcscd did not start:"; cat "$RUN/demo-pcscd.log" >&2; PCSCD_PID=""
  fi
}

stop_pcscd() {
  [ -n "$PCSCD_PID" ] || return 0
  kill "$PCSCD_PID" 2>/dev/null || sudo -n kill "$PCSCD_PID" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$PCSCD_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$PCSCD_PID" 2>/dev/null || true
  PCSCD_PID=""
}

trap stop_pcscd EXIT
trap 'exit 130' INT TERM
start_pcscd
"$PY" -m app --demo "$@"

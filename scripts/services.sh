#!/usr/bin/env bash
# Starts (or stops) the services the tests, benchmarks and screenshots need, and
# records their PIDs: pcscd with the vpcd virtual reader, Xvfb, cupsd with a PDF
# queue, PostgreSQL. A service already running (started by the developer) is reused
# and left alone on stop.
#   scripts/services.sh start   -> prints "export VAR=..." lines to eval
#   scripts/services.sh stop
set -uo pipefail
cd "$(dirname "$0")/.."
RUN=.make/run
mkdir -p "$RUN"
DISPLAY_NUM=${MOTCUA_XVFB_DISPLAY:-:99}

log() { echo "services: $*" >&2; }

wait_for() {  # wait_for SECONDS COMMAND...
  local end=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -ge $end ] && return 1
    sleep 0.2
  done
}

start_pcscd() {
  if pgrep -x pcscd >/dev/null; then log "pcscd already running"; return; fi
  pcscd --foreground >"$RUN/pcscd.log" 2>&1 &
  echo $! >"$RUN/pcscd.pid"
  sleep 0.5
  pgrep -x pcscd >/dev/null || { log "pcscd did not start"; cat "$RUN/pcscd.log" >&2; }
}

start_xvfb() {
  if [ -e "/tmp/.X11-unix/X${DISPLAY_NUM#:}" ] && pgrep -x Xvfb >/dev/null; then
    log "Xvfb already running"; return
  fi
  Xvfb "$DISPLAY_NUM" -screen 0 "${MOTCUA_XVFB_SIZE:-1280x1024}x24" -nolisten tcp >"$RUN/xvfb.log" 2>&1 &
  echo $! >"$RUN/xvfb.pid"
  wait_for 10 test -e "/tmp/.X11-unix/X${DISPLAY_NUM#:}" || log "Xvfb did not start"
}

start_cups() {
  if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    cupsd -f >"$RUN/cupsd.log" 2>&1 &
    echo $! >"$RUN/cupsd.pid"
    wait_for 15 sh -c 'lpstat -r | grep -q "is running"' || { log "cupsd did not start"; return; }
  else
    log "cupsd already running"
  fi
  if ! lpstat -p PDF >/dev/null 2>&1; then
    lpadmin -p PDF -v cups-pdf:/ -E -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd \
      || log "could not add the PDF queue"
    lpadmin -d PDF || true
  fi
}

start_postgres() {
  if [ -x scripts/postgres.sh ] || [ -f scripts/postgres.sh ]; then
    bash scripts/postgres.sh start >&2 || log "PostgreSQL did not start"
  fi
}

stop_pid() {
  local f="$RUN/$1.pid"
  [ -f "$f" ] || return 0
  local pid; pid=$(cat "$f")
  kill "$pid" 2>/dev/null && for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$f"
}

case "${1:-}" in
  start)
    start_pcscd; start_xvfb; start_cups; start_postgres
    echo "export DISPLAY=$DISPLAY_NUM"
    [ -f "$RUN/pg_url" ] && echo "export MOTCUA_TEST_PG_URL=$(cat "$RUN/pg_url")"
    ;;
  stop)
    [ -f scripts/postgres.sh ] && bash scripts/postgres.sh stop >&2
    stop_pid cupsd; stop_pid xvfb; stop_pid pcscd
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests and benchmarks of the central service.
#   scripts/postgres.sh start    init (once) and start; write the URL to .make/run/pg_url
#   scripts/postgres.sh stop     stop it if this script started it
#   scripts/postgres.sh restart  restart it (fault tests: PostgreSQL restarted mid-sync)
#   scripts/postgres.sh url      print the SQLAlchemy URL
# Works as root on a fresh CI machine (runs the server as the "postgres" system user,
# which initdb requires) and as a normal user. Binaries come from Debian's packages.
# Environment: MOTCUA_PG_DIR (default /tmp/motcua-pg), MOTCUA_PG_PORT (default 5433).
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=${MOTCUA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
BASE=${MOTCUA_PG_DIR:-/tmp/motcua-pg}
DATA=$BASE/data
SOCK=$BASE/sock
PORT=${MOTCUA_PG_PORT:-5433}
RUN=.make/run
DB=motcua_test
URL="postgresql+psycopg://motcua@127.0.0.1:$PORT/$DB"

log() { echo "postgres.sh: $*" >&2; }

[ -n "$PG_BIN" ] && [ -x "$PG_BIN/pg_ctl" ] || { log "PostgreSQL binaries not found (apt-get install postgresql)"; exit 1; }

as_owner() {  # run a command as the cluster owner (postgres when we are root)
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

running() { as_owner "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

init() {
  [ -f "$DATA/PG_VERSION" ] && return
  mkdir -p "$BASE" "$SOCK"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$BASE" "$SOCK"; fi
  as_owner "$PG_BIN/initdb" -D "$DATA" -U motcua --auth trust --encoding UTF8 \
    --locale C.UTF-8 >/dev/null
  # Loopback only; enough connections for 50 simulated counters plus the server pool.
  cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK'
max_connections = 300
CONF
}

start() {
  mkdir -p "$RUN"
  init
  if running; then
    log "already running on port $PORT"
  else
    as_owner "$PG_BIN/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w -t 60 start >/dev/null
    touch "$RUN/pg_started_here"
    log "started on port $PORT"
  fi
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U motcua -d postgres -Atqc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U motcua "$DB"
  fi
  echo "$URL" >"$RUN/pg_url"
}

stop() {
  if [ -f "$RUN/pg_started_here" ] && running; then
    as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    log "stopped"
  fi
  rm -f "$RUN/pg_started_here" "$RUN/pg_url"
}

restart() {
  running || { log "not running"; exit 1; }
  as_owner "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 restart -l "$BASE/server.log" >/dev/null
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) restart ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|restart|url" >&2; exit 2 ;;
esac

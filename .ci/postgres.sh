#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the tests.
#   source .ci/postgres.sh start   -> exports PREAVIS_TEST_DATABASE_URL
#   .ci/postgres.sh stop
# Needs Debian's postgresql package (.ci/run installs it). As root, the cluster runs as the
# postgres user, in a temporary directory.
set -euo pipefail
PG_PORT="${PG_PORT:-54329}"
PG_DIR="${PG_DIR:-/tmp/preavis-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bin" ] || { echo "postgres: no server found (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    if [ -f "$PG_DIR/postmaster.pid" ]; then as_pg "$bin/pg_ctl" -D "$PG_DIR" stop -m fast >/dev/null || true; fi
    rm -rf "$PG_DIR"
    mkdir -p "$PG_DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
    as_pg "$bin/initdb" -D "$PG_DIR" -U preavis --auth=trust -E UTF8 >/dev/null
    as_pg "$bin/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/log" -w \
      -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=100" start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U preavis preavis_test
    export PREAVIS_TEST_DATABASE_URL="postgresql+psycopg://preavis@127.0.0.1:$PG_PORT/preavis_test"
    echo "postgres: $PREAVIS_TEST_DATABASE_URL"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$PG_DIR" stop -m fast >/dev/null || true
    rm -rf "$PG_DIR"
    ;;
  *)
    echo "usage: .ci/postgres.sh start|stop" >&2
    exit 2
    ;;
esac

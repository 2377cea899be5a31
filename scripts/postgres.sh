# Start a throw-away PostgreSQL server for the test suite; sourced by scripts/test.
# postgres_start sets DATABASE_URL_PG; postgres_createdb NAME makes one more database on the
# same server; postgres_stop (run from a trap) removes everything.

PG_DIR=""
PG_BIN=""
PG_PORT=""

postgres_start() {
  apt_install postgresql
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  PG_DIR="$(mktemp -d /tmp/lms-pg.XXXXXX)"
  local port run_as=()
  port="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  # initdb refuses to run as root; the Debian package creates the postgres user.
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"
    run_as=(runuser -u postgres --)
  fi
  say "Starting PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
  "${run_as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U lms --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run_as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start \
    -o "-h 127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  PG_PORT="$port"
  DATABASE_URL_PG="postgres://lms@127.0.0.1:$port/lms"
  postgres_createdb lms
}

postgres_createdb() {
  local run_as=()
  [ "$(id -u)" -eq 0 ] && run_as=(runuser -u postgres --)
  "${run_as[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U lms "$1"
}

postgres_stop() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ]; then
    local run_as=()
    [ "$(id -u)" -eq 0 ] && run_as=(runuser -u postgres --)
    "${run_as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

# Start a throw-away Redis server for the test suite; sourced by scripts/test.
# redis_start sets LMS_TEST_REDIS_URL; redis_stop (run from a trap) removes everything.
# Nothing is written to disk: no snapshots, no append-only file.

REDIS_DIR=""
REDIS_PID=""

redis_start() {
  apt_install redis-server
  REDIS_DIR="$(mktemp -d /tmp/lms-redis.XXXXXX)"
  local port
  port="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  say "Starting Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$port"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$REDIS_DIR" --save "" --appendonly no \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/log" >/dev/null
  for _ in $(seq 50); do
    [ -s "$REDIS_DIR/redis.pid" ] && redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  REDIS_PID="$(cat "$REDIS_DIR/redis.pid")"
  export LMS_TEST_REDIS_URL="redis://127.0.0.1:$port/0"
}

redis_stop() {
  if [ -n "$REDIS_PID" ]; then
    kill "$REDIS_PID" 2>/dev/null || true
    # Wait (up to 5 s) until it has gone, so nothing outlives the run.
    for _ in $(seq 50); do
      kill -0 "$REDIS_PID" 2>/dev/null && [ "$(ps -o stat= -p "$REDIS_PID" 2>/dev/null)" != "Z" ] || break
      sleep 0.1
    done
  fi
  [ -n "$REDIS_DIR" ] && rm -rf "$REDIS_DIR"
  return 0
}

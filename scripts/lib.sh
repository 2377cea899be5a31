# Shared by scripts/run and scripts/test: find Python 3.11, create .venv, install what is locked.
# Sourced, not executed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

# at_exit "COMMANDS": run COMMANDS when the script ends, however it ends, and keep its exit
# status. A plain `trap ... EXIT` under `set -e` would end with the status of a cleanup command
# that failed (`kill` with no job left exits 2), turning a green run red.
at_exit() {
  AT_EXIT_COMMANDS="$1"
  trap _run_at_exit EXIT
}
_run_at_exit() {
  local rc=$?
  set +e
  eval "$AT_EXIT_COMMANDS"
  exit "$rc"
}

# stop_background_jobs: stop and reap this script's background jobs (none is fine). A job
# forked a moment before may not act on the first signal yet when the machine is loaded (the
# repository test's `sleep 30 &` outlived a single TERM once and the cleanup waited 30 s),
# so TERM is sent again while one is alive, for up to 2 s, then KILL.
stop_background_jobs() {
  local pids pid alive _
  pids="$(jobs -p)"
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    alive=""
    for pid in $pids; do
      kill -0 "$pid" 2>/dev/null && alive="$alive $pid"
    done
    [ -n "$alive" ] || break
    kill $alive 2>/dev/null
    sleep 0.2
  done
  [ -z "$alive" ] || kill -KILL $alive 2>/dev/null
  wait
  return 0
}

# marker_wait FOLDER NAME PID: wait for FOLDER/NAME.ready, which the background job PID makes
# when that step is done; if the job ends without making it, show FOLDER/NAME.log and fail.
# It polls instead of `wait`ing, so a subshell can wait for its parent's job too.
marker_wait() {
  while [ ! -e "$1/$2.ready" ]; do
    if ! kill -0 "$3" 2>/dev/null && [ ! -e "$1/$2.ready" ]; then
      cat "$1/$2.log" >&2
      echo "Preparing the tests' $2 database failed." >&2
      return 1
    fi
    sleep 0.2
  done
}

# run_pytest COMMAND...: run a pytest command and give its exit status, except 5, which pytest
# gives when a -k filter passed to scripts/test selects nothing in one of its runs.
run_pytest() {
  local rc=0
  "$@" || rc=$?
  [ "$rc" -eq 5 ] && rc=0
  return "$rc"
}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

find_python() {
  for candidate in python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  echo "Python 3.11 is needed (Django 5.2 LTS; see README)." >&2
  return 1
}

# install_python_packages PROFILE: install requirements/PROFILE.txt ("production" or
# "development") with --require-hashes: every package, transitive ones included, is the
# version and the file that the lock names, or the install stops. The project itself is not
# installed: it runs from this folder (manage.py, pytest and gunicorn put it on sys.path).
# Skipped when the lock has not changed since the last install.
install_python_packages() {
  local profile="$1" lock stamp
  lock="requirements/$profile.txt"
  if [ ! -x "$PY" ]; then
    say "Creating the virtual environment in .venv"
    "$(find_python)" -m venv "$VENV"
  fi
  stamp="$VENV/.installed-$(sha256sum "$lock" | cut -c1-16)-$profile"
  if [ ! -f "$stamp" ]; then
    say "Installing Python packages ($lock, hashes checked)"
    # PIP_CONSTRAINT and find-links from the machine's pip configuration would add files the
    # lock has no hash for; the lock alone decides.
    PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= PIP_CONSTRAINT= "$PY" -m pip install --quiet \
      --disable-pip-version-check --require-hashes --no-deps -r "$lock"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
}

# apt_install PACKAGE...: install Debian packages that are missing (root or sudo needed).
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

prepare_app() {
  say "Compiling translations"
  "$PY" manage.py compile_catalogs >/dev/null
  say "Applying database migrations"
  "$PY" manage.py migrate --no-input >/dev/null
}

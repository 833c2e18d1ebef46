# shellcheck shell=bash
# Shared helpers for the MallBots local test-environment scripts (sourced, not executed).

SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPTS_DIR/.." && pwd)"
# shellcheck disable=SC2034  # used by the scripts that source this file
ENV_DIR="${MALLBOTS_ENV_DIR:-$REPO_ROOT/target/env}"

log()  { printf '[%s] %s\n' "${LOG_TAG:-env}" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "${LOG_TAG:-env}" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "${LOG_TAG:-env}" "$*" >&2; exit 1; }

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# is_local_host HOST: true for 127.0.0.1 / localhost / empty.
is_local_host() {
  case "${1:-}" in ''|127.0.0.1|localhost) return 0 ;; *) return 1 ;; esac
}

# port_open HOST PORT: true if a TCP connection to HOST:PORT succeeds (within 2 s).
port_open() {
  # shellcheck disable=SC2016  # $1/$2 expand in the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# wait_port HOST PORT SECONDS [PID]: poll until HOST:PORT accepts connections.
# Fails early if PID is given and that process exits.
wait_port() {
  local host=$1 port=$2 secs=$3 pid=${4:-} deadline=$((SECONDS + $3))
  while (( SECONDS < deadline )); do
    port_open "$host" "$port" && return 0
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      return 2
    fi
    sleep 0.25
  done
  port_open "$host" "$port"
}

# pid_alive_matching PIDFILE PATTERN: prints the pid and succeeds if the pid in PIDFILE is alive
# and its command line contains PATTERN (guards against pid reuse).
pid_alive_matching() {
  local pidfile=$1 pattern=$2 pid cmd
  [[ -s "$pidfile" ]] || return 1
  pid="$(tr -dc '0-9' < "$pidfile")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmd" == *"$pattern"* ]] || return 1
  printf '%s\n' "$pid"
}

# stop_pid PID NAME [SECONDS]: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local pid=$1 name=$2 secs=${3:-30} deadline
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$((SECONDS + secs))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name (pid $pid) did not stop within ${secs}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
}

# show_log_tail FILE [LINES]
show_log_tail() {
  local f=$1 n=${2:-40}
  if [[ -f "$f" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$n" "$f" >&2
    tail -n "$n" "$f" >&2 || true
    printf -- '----- end of %s -----\n' "$f" >&2
  fi
}

# apt_install PKG...: install Debian packages non-interactively (root only).
apt_install() {
  is_root || die "package(s) $* missing and not running as root: install them first (apt-get install $*)"
  command -v apt-get >/dev/null || die "package(s) $* missing and apt-get not available"
  log "installing Debian package(s): $* (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || die "apt-get update failed"
  apt-get install -y -q --no-install-recommends "$@" >/dev/null || die "apt-get install $* failed"
}

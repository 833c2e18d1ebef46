#!/usr/bin/env bash
# Brings up the local MallBots test environment: PostgreSQL, NATS (JetStream) and Kafka on 127.0.0.1.
# A server that already answers on its port is reused; what this script starts is recorded in
# target/env/<service>-<port>.started so that scripts/env-down.sh stops only that. Idempotent.
#
# Env (all optional): POSTGRES_HOST (default 127.0.0.1; another host is only checked for
#   reachability), POSTGRES_PORT (5432), POSTGRES_USER/POSTGRES_PASSWORD/POSTGRES_DB_NAME
#   (mallbots/mallbots/mallbots), NATS_PORT (4222, or the port of NATS_URL), NATS_MONITOR_PORT (8222),
#   KAFKA_PORT (9092, or the port of KAFKA_BROKERS), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1),
#   MALLBOTS_ENV_DIR (target/env), SKIP_POSTGRES=1 / SKIP_NATS=1 / SKIP_KAFKA=1.
# Afterwards: `source scripts/env.sh` exports the connection settings.
set -euo pipefail
LOG_TAG=env-up
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

mkdir -p "$ENV_DIR"
exec 8>"$ENV_DIR/.env.lock"
flock -w 300 8 || die "another env-up/env-down is running (lock $ENV_DIR/.env.lock)"

# host_port_of URL DEFAULT_PORT: "host port" of the first address in a (comma separated) URL list.
host_port_of() {
  local u=${1%%,*}
  u=${u#*://}; u=${u##*@}; u=${u%%/*}
  if [[ "$u" == *:* ]]; then printf '%s %s\n' "${u%:*}" "${u##*:}"; else printf '%s %s\n' "$u" "$2"; fi
}

# ---------------------------------------------------------------- PostgreSQL
PG_HOST="${POSTGRES_HOST:-127.0.0.1}"
PG_PORT="${POSTGRES_PORT:-5432}"
PG_USER="${POSTGRES_USER:-mallbots}"
PG_PASSWORD="${POSTGRES_PASSWORD:-mallbots}"
PG_DB="${POSTGRES_DB_NAME:-mallbots}"
PG_INST="$ENV_DIR/postgres-$PG_PORT"
PG_MARKER="$ENV_DIR/postgres-$PG_PORT.started"
export PGCONNECT_TIMEOUT=5

as_postgres() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_ready() { pg_isready -q -h "$1" -p "$2" -t 3 >/dev/null 2>&1; }

wait_pg_ready() {
  local deadline=$((SECONDS + $3))
  while (( SECONDS < deadline )); do pg_ready "$1" "$2" && return 0; sleep 0.3; done
  pg_ready "$1" "$2"
}

pg_bin_dir() {
  local d
  # shellcheck disable=SC2012
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [[ -n "$d" && -x "$d/initdb" ]] && printf '%s\n' "$d"
}

pg_ensure_installed() {
  if [[ -z "$(pg_bin_dir || true)" ]] || ! command -v pg_isready >/dev/null || ! command -v psql >/dev/null; then
    apt_install postgresql
  fi
  [[ -n "$(pg_bin_dir || true)" ]] || die "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin after install"
}

pg_start_local() {
  pg_ensure_installed
  # The package's post-install may have started its cluster by now.
  if pg_ready 127.0.0.1 "$PG_PORT"; then log "PostgreSQL on 127.0.0.1:$PG_PORT is up (started by package install)"; return 0; fi

  local ver name port _status _rest
  if command -v pg_lsclusters >/dev/null; then
    while read -r ver name port _status _rest; do
      [[ "$port" == "$PG_PORT" ]] || continue
      is_root || die "Debian cluster $ver/$name (port $PG_PORT) is down and starting it needs root"
      log "starting existing PostgreSQL cluster $ver/$name on port $PG_PORT"
      pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start 8>&- \
        || die "pg_ctlcluster $ver $name start failed (see /var/log/postgresql/postgresql-$ver-$name.log)"
      printf 'debian %s %s\n' "$ver" "$name" > "$PG_MARKER"
      wait_pg_ready 127.0.0.1 "$PG_PORT" 30 || die "cluster $ver/$name started but 127.0.0.1:$PG_PORT does not accept connections (check listen_addresses)"
      return 0
    done < <(pg_lsclusters -h 2>/dev/null || true)
  fi

  local bin data="$PG_INST/data" run="$PG_INST/run" logfile="$PG_INST/postgres.log"
  bin="$(pg_bin_dir)"
  mkdir -p "$PG_INST" "$run"
  if is_root; then chown postgres:postgres "$PG_INST" "$run"; fi
  if [[ ! -f "$data/PG_VERSION" ]]; then
    log "creating PostgreSQL cluster in $data (initdb, trust auth on localhost)"
    rm -rf "$data"
    as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      > "$PG_INST/initdb.log" 2>&1 8>&- || { show_log_tail "$PG_INST/initdb.log" 20; die "initdb failed"; }
    # Settings go into conf.d-style include file (not via -o/-c on the command line).
    mkdir -p "$data/conf.d"
    cat > "$data/conf.d/mallbots-env.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$run'
max_connections = 200
fsync = on
CONF
    printf "\ninclude_dir = 'conf.d'\n" >> "$data/postgresql.conf"
    is_root && chown -R postgres:postgres "$data"
  fi
  log "starting PostgreSQL ($bin/pg_ctl) on 127.0.0.1:$PG_PORT, log: $logfile"
  as_postgres "$bin/pg_ctl" -D "$data" -l "$logfile" -w -t 60 start >/dev/null 2>&1 8>&- \
    || { show_log_tail "$logfile" 30; die "pg_ctl start failed (see $logfile)"; }
  printf 'pgctl %s %s\n' "$bin" "$data" > "$PG_MARKER"
  wait_pg_ready 127.0.0.1 "$PG_PORT" 30 || { show_log_tail "$logfile" 30; die "PostgreSQL did not accept connections on 127.0.0.1:$PG_PORT"; }
}

# Superuser psql: TCP as postgres (trust) first, then the postgres OS user over the unix socket.
PG_SUPER_MODE=""
pg_super() {
  if [[ -z "$PG_SUPER_MODE" ]]; then
    if psql -X -w -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
      PG_SUPER_MODE=tcp
    elif is_root && runuser -u postgres -- psql -X -w -q -p "$PG_PORT" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
      PG_SUPER_MODE=socket
    elif is_root && [[ -d "$PG_INST/run" ]] && runuser -u postgres -- psql -X -w -q -h "$PG_INST/run" -p "$PG_PORT" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
      PG_SUPER_MODE=owndir
    else
      die "cannot connect to PostgreSQL on 127.0.0.1:$PG_PORT as superuser (tried 'psql -h 127.0.0.1 -U postgres' and the postgres OS user over the unix socket)"
    fi
  fi
  case "$PG_SUPER_MODE" in
    tcp)    psql -X -w -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres "$@" ;;
    socket) runuser -u postgres -- psql -X -w -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@" ;;
    owndir) runuser -u postgres -- psql -X -w -q -v ON_ERROR_STOP=1 -h "$PG_INST/run" -p "$PG_PORT" -d postgres "$@" ;;
  esac
}

pg_ensure_role_db() {
  log "ensuring role '$PG_USER' (LOGIN CREATEDB) and database '$PG_DB' on 127.0.0.1:$PG_PORT"
  pg_super -v u="$PG_USER" -v p="$PG_PASSWORD" -v d="$PG_DB" >/dev/null <<'SQL' || die "creating role/database failed"
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'p')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'p') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'d', :'u') \gexec
SQL
  PGPASSWORD="$PG_PASSWORD" psql -X -w -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -tAc 'select 1' >/dev/null 2>&1 \
    || die "role '$PG_USER' cannot log in to database '$PG_DB' on 127.0.0.1:$PG_PORT with its password (check pg_hba.conf)"
}

up_postgres() {
  if ! is_local_host "$PG_HOST"; then
    if command -v pg_isready >/dev/null; then
      pg_ready "$PG_HOST" "$PG_PORT" || die "PostgreSQL at $PG_HOST:$PG_PORT is not reachable (POSTGRES_HOST is remote: not starting anything)"
    else
      port_open "$PG_HOST" "$PG_PORT" || die "PostgreSQL at $PG_HOST:$PG_PORT is not reachable (POSTGRES_HOST is remote: not starting anything)"
    fi
    log "PostgreSQL at $PG_HOST:$PG_PORT is reachable (remote host: role/database not managed)"
    return 0
  fi
  if command -v pg_isready >/dev/null && pg_ready 127.0.0.1 "$PG_PORT"; then
    log "PostgreSQL already accepts connections on 127.0.0.1:$PG_PORT: reusing it"
  elif port_open 127.0.0.1 "$PG_PORT"; then
    command -v pg_isready >/dev/null || pg_ensure_installed
    log "127.0.0.1:$PG_PORT is open but PostgreSQL is not ready yet: waiting up to 30 s"
    wait_pg_ready 127.0.0.1 "$PG_PORT" 30 || die "something listens on 127.0.0.1:$PG_PORT but it is not an accepting PostgreSQL server"
  else
    pg_start_local
    log "PostgreSQL started on 127.0.0.1:$PG_PORT"
  fi
  pg_ensure_role_db
  log "PostgreSQL ready: postgresql://$PG_USER@127.0.0.1:$PG_PORT/$PG_DB"
}

# ---------------------------------------------------------------- NATS
if [[ -n "${NATS_PORT:-}" ]]; then NATS_HOST=127.0.0.1
elif [[ -n "${NATS_URL:-}" ]]; then read -r NATS_HOST NATS_PORT < <(host_port_of "$NATS_URL" 4222)
else NATS_HOST=127.0.0.1; NATS_PORT=4222; fi
NATS_MONITOR_PORT="${NATS_MONITOR_PORT:-8222}"
NATS_INST="$ENV_DIR/nats-$NATS_PORT"
NATS_PIDFILE="$NATS_INST/nats.pid"
NATS_LOG="$NATS_INST/nats.log"
NATS_MARKER="$ENV_DIR/nats-$NATS_PORT.started"

# nats_jetstream_ok HOST PORT: asks $JS.API.INFO over the raw NATS protocol; true if JetStream answers.
nats_jetstream_ok() {
  # shellcheck disable=SC2016  # expanded by the inner bash
  timeout 6 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    IFS= read -r -t 3 line <&3 || exit 1
    [[ "$line" == INFO* ]] || exit 1
    printf "CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":true,\"no_responders\":true,\"name\":\"env-up\"}\r\nSUB _INBOX.envup 1\r\nPUB \$JS.API.INFO _INBOX.envup 0\r\n\r\nPING\r\n" >&3
    while IFS= read -r -t 3 line <&3; do
      case "$line" in
        HMSG*) exit 1 ;;                                  # no responders: JetStream not enabled
        MSG*)  IFS= read -r -t 3 payload <&3 || exit 1
               [[ "$payload" == *account_info_response* && "$payload" != *\"error\"* ]] && exit 0
               exit 1 ;;
        PING*) printf "PONG\r\n" >&3 ;;
        -ERR*) exit 1 ;;
      esac
    done
    exit 1' _ "$1" "$2" 2>/dev/null
}

up_nats() {
  if ! is_local_host "$NATS_HOST"; then
    port_open "$NATS_HOST" "$NATS_PORT" || die "NATS at $NATS_HOST:$NATS_PORT is not reachable (remote host: not starting anything)"
    nats_jetstream_ok "$NATS_HOST" "$NATS_PORT" || die "NATS at $NATS_HOST:$NATS_PORT answers but JetStream is not enabled"
    log "NATS at $NATS_HOST:$NATS_PORT is reachable, JetStream enabled (remote host)"
    return 0
  fi
  if port_open 127.0.0.1 "$NATS_PORT"; then
    nats_jetstream_ok 127.0.0.1 "$NATS_PORT" \
      || die "NATS on 127.0.0.1:$NATS_PORT is running but JetStream is not enabled (restart it with -js, or set NATS_PORT to a free port)"
    log "NATS already listens on 127.0.0.1:$NATS_PORT (JetStream enabled): reusing it"
    return 0
  fi
  command -v nats-server >/dev/null || apt_install nats-server
  command -v nats-server >/dev/null || die "nats-server not found after install"
  mkdir -p "$NATS_INST/jetstream"
  local -a monitor=(-m "$NATS_MONITOR_PORT")
  if port_open 127.0.0.1 "$NATS_MONITOR_PORT"; then
    warn "NATS monitoring port $NATS_MONITOR_PORT is in use: starting without monitoring (set NATS_MONITOR_PORT)"
    monitor=()
  fi
  log "starting nats-server -js on 127.0.0.1:$NATS_PORT, log: $NATS_LOG"
  printf '\n===== %s starting nats-server =====\n' "$(date '+%F %T')" >> "$NATS_LOG"
  setsid nohup nats-server -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$NATS_INST/jetstream" "${monitor[@]}" \
    >>"$NATS_LOG" 2>&1 </dev/null 8>&- &
  local pid=$! rc=0
  printf '%s\n' "$pid" > "$NATS_PIDFILE"
  wait_port 127.0.0.1 "$NATS_PORT" 20 "$pid" || rc=$?
  if (( rc != 0 )); then
    show_log_tail "$NATS_LOG" 30
    kill -0 "$pid" 2>/dev/null && stop_pid "$pid" nats-server 5
    rm -f "$NATS_PIDFILE"
    die "nats-server did not listen on 127.0.0.1:$NATS_PORT within 20 s (see $NATS_LOG)"
  fi
  printf 'pid %s\n' "$pid" > "$NATS_MARKER"
  nats_jetstream_ok 127.0.0.1 "$NATS_PORT" || { show_log_tail "$NATS_LOG" 30; die "nats-server started but JetStream does not answer"; }
  log "NATS started on 127.0.0.1:$NATS_PORT (pid $pid, JetStream store $NATS_INST/jetstream)"
}

# ---------------------------------------------------------------- Kafka
if [[ -n "${KAFKA_PORT:-}" ]]; then KAFKA_HOST=127.0.0.1
elif [[ -n "${KAFKA_BROKERS:-}" ]]; then read -r KAFKA_HOST KAFKA_PORT < <(host_port_of "$KAFKA_BROKERS" 9092)
else KAFKA_HOST=127.0.0.1; KAFKA_PORT=9092; fi
KAFKA_MARKER="$ENV_DIR/kafka-$KAFKA_PORT.started"

up_kafka() {
  if ! is_local_host "$KAFKA_HOST"; then
    port_open "$KAFKA_HOST" "$KAFKA_PORT" || die "Kafka at $KAFKA_HOST:$KAFKA_PORT is not reachable (remote host: not starting anything)"
    log "Kafka at $KAFKA_HOST:$KAFKA_PORT is reachable (remote host)"
    return 0
  fi
  if port_open 127.0.0.1 "$KAFKA_PORT"; then
    log "Kafka already listens on 127.0.0.1:$KAFKA_PORT: reusing it"
    return 0
  fi
  "$SCRIPTS_DIR/kafka-broker.sh" start "$KAFKA_PORT" 8>&- || die "starting the Kafka broker failed"
  printf 'port %s\n' "$KAFKA_PORT" > "$KAFKA_MARKER"
}

# ---------------------------------------------------------------- main
T0=$SECONDS
if [[ "${SKIP_POSTGRES:-0}" == 1 ]]; then log "PostgreSQL skipped (SKIP_POSTGRES=1)"; else up_postgres; fi
if [[ "${SKIP_NATS:-0}" == 1 ]]; then log "NATS skipped (SKIP_NATS=1)"; else up_nats; fi
if [[ "${SKIP_KAFKA:-0}" == 1 ]]; then log "Kafka skipped (SKIP_KAFKA=1)"; else up_kafka; fi
log "environment ready in $((SECONDS - T0)) s (data and logs: $ENV_DIR; settings: source scripts/env.sh)"

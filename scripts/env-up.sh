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
#   BROKER_NODES=3: a three-server NATS JetStream cluster and a three-node KRaft Kafka cluster (combined
#   broker+controller nodes) instead of the single servers, all started here. NATS nodes take client ports
#   NATS_PORT.. (default 4222.., or 4223.. when 4222 is taken), routes +2000, monitoring +4000; Kafka
#   nodes KAFKA_PORT, +2, +4 (default 9092, or 19092 when taken) with their controllers on +1. Data under
#   target/env/nats-<port>/ and target/env/kafka/broker-<port>/; Kafka heaps -Xmx256m (KAFKA_HEAP_OPTS).
# Afterwards: `source scripts/env.sh` exports the connection settings (`BROKER_NODES=3 source
# scripts/env.sh` the cluster's lists, also printed at the end and kept in target/env/brokers-3.env).
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

# pg_checkpoint (PostgreSQL 15+): the bench's --history run checkpoints its bulk copies before measuring.
pg_ensure_role_db() {
  log "ensuring role '$PG_USER' (LOGIN CREATEDB) and database '$PG_DB' on 127.0.0.1:$PG_PORT"
  pg_super -v u="$PG_USER" -v p="$PG_PASSWORD" -v d="$PG_DB" >/dev/null <<'SQL' || die "creating role/database failed"
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'p')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'u', :'p') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'d', :'u') \gexec
SELECT format('GRANT pg_checkpoint TO %I', :'u')
 WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pg_checkpoint') \gexec
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
GIVEN_NATS_PORT="${NATS_PORT:-}" GIVEN_KAFKA_PORT="${KAFKA_PORT:-}"
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

# ---------------------------------------------------------------- broker clusters (BROKER_NODES > 1)
# BROKER_NODES=3: instead of one NATS server and one Kafka broker, a NATS JetStream cluster and a KRaft Kafka
# cluster of that many nodes on 127.0.0.1, all started here (a single server found on a port is never taken
# for a cluster node). The lists for the clients go to $ENV_DIR/brokers-<n>.env, which scripts/env.sh reads
# when BROKER_NODES is set the same way.
BROKER_NODES="${BROKER_NODES:-1}"
[[ "$BROKER_NODES" =~ ^[1-9]$ ]] || die "BROKER_NODES must be 1 to 9, got '$BROKER_NODES'"
BROKERS_ENV="$ENV_DIR/brokers-$BROKER_NODES.env"

# NATS node i (0-based) of a cluster based on client port B: client B+i, routes B+i+2000, monitoring B+i+4000.
nats_node_ours() { [[ -f "$ENV_DIR/nats-$1.started" ]] && grep -q "^cluster $BROKER_NODES " "$ENV_DIR/nats-$1.started"; }
nats_node_free() { ! port_open 127.0.0.1 "$1" && ! port_open 127.0.0.1 $(($1 + 2000)) && ! port_open 127.0.0.1 $(($1 + 4000)); }

# nats_cluster_base: the first client port from which BROKER_NODES nodes are all ours or all free.
nats_cluster_base() {
  local base i ok
  for base in ${NATS_PORT:-4222 $(seq 4223 4239)}; do
    ok=1
    for ((i = 0; i < BROKER_NODES; i++)); do
      nats_node_ours $((base + i)) || nats_node_free $((base + i)) || { ok=0; break; }
    done
    (( ok )) && { printf '%s\n' "$base"; return 0; }
    [[ -n "${NATS_PORT:-}" ]] && break
  done
  return 1
}

# nats_routes PORT: how many routes the server whose client port is PORT reports on /routez.
nats_routes() {
  curl -fs --max-time 3 "http://127.0.0.1:$(($1 + 4000))/routez" 2>/dev/null \
    | sed -n 's/.*"num_routes": *\([0-9]*\).*/\1/p' | head -n1
}

# nats_js_request PORT SUBJECT JSON: one JetStream API request over the raw protocol; prints the reply.
nats_js_request() {
  # shellcheck disable=SC2016  # expanded by the inner bash
  timeout 12 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    IFS= read -r -t 3 line <&3 || exit 1
    printf "CONNECT {\"verbose\":false,\"headers\":true,\"no_responders\":true,\"name\":\"env-up\"}\r\nSUB _INBOX.envup 1\r\nPUB %s _INBOX.envup %d\r\n%s\r\nPING\r\n" "$2" "${#3}" "$3" >&3
    while IFS= read -r -t 10 line <&3; do
      case "$line" in
        HMSG*) exit 1 ;;
        MSG*)  IFS= read -r -t 3 payload <&3 || exit 1; printf "%s\n" "$payload"; exit 0 ;;
        PING*) printf "PONG\r\n" >&3 ;;
        -ERR*) exit 1 ;;
      esac
    done
    exit 1' _ "$1" "$2" "$3" 2>/dev/null
}

up_nats_cluster() {
  local base i port routes="" pid deadline
  command -v nats-server >/dev/null || apt_install nats-server
  base="$(nats_cluster_base)" || die "no $BROKER_NODES free NATS client ports from ${NATS_PORT:-4222} (each node also takes client port +2000 and +4000; set NATS_PORT)"
  [[ "$base" != "${NATS_PORT:-4222}" ]] && log "NATS port ${NATS_PORT:-4222} is taken: the cluster uses client ports from $base"
  for ((i = 0; i < BROKER_NODES; i++)); do routes+="${routes:+,}nats://127.0.0.1:$((base + i + 2000))"; done
  NATS_CLUSTER_URL=""
  for ((i = 0; i < BROKER_NODES; i++)); do
    port=$((base + i))
    NATS_CLUSTER_URL+="${NATS_CLUSTER_URL:+,}nats://127.0.0.1:$port"
    if nats_node_ours "$port" && port_open 127.0.0.1 "$port"; then
      log "NATS cluster node on 127.0.0.1:$port is running: reusing it"
      continue
    fi
    local inst="$ENV_DIR/nats-$port"
    mkdir -p "$inst/jetstream"
    log "starting nats-server -js node $((i + 1))/$BROKER_NODES on 127.0.0.1:$port (routes $((port + 2000)), monitoring $((port + 4000))), log: $inst/nats.log"
    printf '\n===== %s starting nats-server (cluster node) =====\n' "$(date '+%F %T')" >> "$inst/nats.log"
    setsid nohup nats-server -a 127.0.0.1 -p "$port" -n "mallbots-$port" -js -sd "$inst/jetstream" -m $((port + 4000)) \
      --cluster_name "mallbots-$base" --cluster "nats://127.0.0.1:$((port + 2000))" --routes "$routes" \
      >>"$inst/nats.log" 2>&1 </dev/null 8>&- &
    pid=$!
    printf '%s\n' "$pid" > "$inst/nats.pid"
    if ! wait_port 127.0.0.1 "$port" 20 "$pid"; then
      show_log_tail "$inst/nats.log" 30
      die "nats-server did not listen on 127.0.0.1:$port within 20 s (see $inst/nats.log)"
    fi
    printf 'cluster %s pid %s\n' "$BROKER_NODES" "$pid" > "$ENV_DIR/nats-$port.started"
  done
  # Every node routes to every other, then JetStream takes a stream with a replica on each node.
  deadline=$((SECONDS + 60))
  for ((i = 0; i < BROKER_NODES; i++)); do
    until [[ "$(nats_routes $((base + i)))" == $((BROKER_NODES - 1)) ]]; do
      (( SECONDS < deadline )) || die "NATS node 127.0.0.1:$((base + i)) has $(nats_routes $((base + i))) routes, not $((BROKER_NODES - 1)) (see $ENV_DIR/nats-$((base + i))/nats.log)"
      sleep 0.5
    done
  done
  local reply=""
  until [[ "$reply" == *stream_create_response* && "$reply" == *\"num_replicas\":$BROKER_NODES,* && "$reply" != *\"error\"* ]]; do
    (( SECONDS < deadline )) || die "the NATS cluster does not take a stream with $BROKER_NODES replicas: ${reply:-no answer}"
    sleep 1
    reply="$(nats_js_request "$base" '$JS.API.STREAM.CREATE.MALLBOTS_ENV_CHECK' \
      "{\"name\":\"MALLBOTS_ENV_CHECK\",\"subjects\":[\"mallbots.env.check\"],\"num_replicas\":$BROKER_NODES,\"storage\":\"memory\"}" || true)"
  done
  nats_js_request "$base" '$JS.API.STREAM.DELETE.MALLBOTS_ENV_CHECK' '' >/dev/null || true
  log "NATS JetStream cluster ready: $BROKER_NODES nodes, $((BROKER_NODES - 1)) routes each, a stream with $BROKER_NODES replicas was created (and deleted)"
}

# Kafka node i (0-based) of a cluster based on port B: broker B+2i, controller B+2i+1; node id i+1.
kafka_node_ours() {
  [[ -f "$ENV_DIR/kafka-$1.started" ]] && grep -q "^controller.quorum.voters=" "$ENV_DIR/kafka/broker-$1/server.properties" 2>/dev/null
}
kafka_node_free() { ! port_open 127.0.0.1 "$1" && ! port_open 127.0.0.1 $(($1 + 1)); }

kafka_cluster_base() {
  local base i ok
  for base in ${KAFKA_PORT:-9092 19092 29092 39092}; do
    ok=1
    for ((i = 0; i < BROKER_NODES; i++)); do
      kafka_node_ours $((base + 2 * i)) || kafka_node_free $((base + 2 * i)) || { ok=0; break; }
    done
    (( ok )) && { printf '%s\n' "$base"; return 0; }
  done
  return 1
}

up_kafka_cluster() {
  local base i port voters="" id_file cluster_id
  base="$(kafka_cluster_base)" || die "no $BROKER_NODES free pairs of Kafka ports from ${KAFKA_PORT:-9092} (node i takes port+2i and port+2i+1; set KAFKA_PORT)"
  [[ "$base" != "${KAFKA_PORT:-9092}" ]] && log "Kafka port ${KAFKA_PORT:-9092} is taken: the cluster uses ports from $base"
  for ((i = 0; i < BROKER_NODES; i++)); do voters+="${voters:+,}$((i + 1))@127.0.0.1:$((base + 2 * i + 1))"; done
  # One cluster id for every node, kept with the data so that a restart finds its cluster again.
  mkdir -p "$ENV_DIR/kafka"
  id_file="$ENV_DIR/kafka/cluster-$base.id"
  if [[ ! -s "$id_file" ]]; then
    cluster_id=-
    while [[ "$cluster_id" == -* ]]; do   # a KRaft cluster id: 16 random bytes, base64url, not starting with '-'
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    printf '%s\n' "$cluster_id" > "$id_file"
  fi
  cluster_id="$(cat "$id_file")"
  "$SCRIPTS_DIR/kafka-broker.sh" fetch 8>&- || die "fetching the Kafka jars failed"
  # The nodes start together: a KRaft node waits for a quorum of controllers before it serves.
  local -a pids=() nodes=()
  KAFKA_CLUSTER_BROKERS=""
  for ((i = 0; i < BROKER_NODES; i++)); do
    port=$((base + 2 * i))
    KAFKA_CLUSTER_BROKERS+="${KAFKA_CLUSTER_BROKERS:+,}127.0.0.1:$port"
    KAFKA_NODE_ID=$((i + 1)) KAFKA_CONTROLLER_VOTERS="$voters" KAFKA_CLUSTER_ID="$cluster_id" \
      KAFKA_CONTROLLER_PORT=$((port + 1)) \
      "$SCRIPTS_DIR/kafka-broker.sh" start "$port" 8>&- &
    pids+=($!) nodes+=("$port")
  done
  local failed=0
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then printf 'port %s cluster %s\n' "${nodes[$i]}" "$BROKER_NODES" > "$ENV_DIR/kafka-${nodes[$i]}.started"
    else failed=1; fi
  done
  (( failed == 0 )) || die "a Kafka cluster node did not start (see $ENV_DIR/kafka/broker-<port>/kafka.log; env-down stops the others)"
  java -cp "$ENV_DIR/kafka/libs/*" "$SCRIPTS_DIR/kafka/ClusterCheck.java" "$KAFKA_CLUSTER_BROKERS" "$BROKER_NODES" \
    2>>"$ENV_DIR/kafka/cluster-check.log" | sed "s/^/[$LOG_TAG]   /" \
    || die "the Kafka nodes do not form a cluster of $BROKER_NODES brokers (see $ENV_DIR/kafka/broker-$base/kafka.log)"
  log "Kafka KRaft cluster ready: $BROKER_NODES brokers+controllers, voters $voters"
}

# ---------------------------------------------------------------- main
T0=$SECONDS
if [[ "${SKIP_POSTGRES:-0}" == 1 ]]; then log "PostgreSQL skipped (SKIP_POSTGRES=1)"; else up_postgres; fi
if (( BROKER_NODES == 1 )); then
  if [[ "${SKIP_NATS:-0}" == 1 ]]; then log "NATS skipped (SKIP_NATS=1)"; else up_nats; fi
  if [[ "${SKIP_KAFKA:-0}" == 1 ]]; then log "Kafka skipped (SKIP_KAFKA=1)"; else up_kafka; fi
  log "environment ready in $((SECONDS - T0)) s (data and logs: $ENV_DIR; settings: source scripts/env.sh)"
else
  # The cluster's ports come from NATS_PORT / KAFKA_PORT only: a single server's NATS_URL / KAFKA_BROKERS is not a cluster.
  NATS_PORT="$GIVEN_NATS_PORT" KAFKA_PORT="$GIVEN_KAFKA_PORT"
  {
    printf '# Written by scripts/env-up.sh BROKER_NODES=%s; read by scripts/env.sh with the same BROKER_NODES.\n' "$BROKER_NODES"
    [[ -f "$BROKERS_ENV" ]] && grep -E '^(NATS_URL|KAFKA_BROKERS)=' "$BROKERS_ENV" || true
  } > "$BROKERS_ENV.tmp"
  if [[ "${SKIP_NATS:-0}" == 1 ]]; then log "NATS skipped (SKIP_NATS=1)"
  else up_nats_cluster; sed -i '/^NATS_URL=/d' "$BROKERS_ENV.tmp"; printf 'NATS_URL=%s\n' "$NATS_CLUSTER_URL" >> "$BROKERS_ENV.tmp"; fi
  if [[ "${SKIP_KAFKA:-0}" == 1 ]]; then log "Kafka skipped (SKIP_KAFKA=1)"
  else up_kafka_cluster; sed -i '/^KAFKA_BROKERS=/d' "$BROKERS_ENV.tmp"; printf 'KAFKA_BROKERS=%s\n' "$KAFKA_CLUSTER_BROKERS" >> "$BROKERS_ENV.tmp"; fi
  mv "$BROKERS_ENV.tmp" "$BROKERS_ENV"
  log "environment ready in $((SECONDS - T0)) s with $BROKER_NODES broker nodes each (data and logs: $ENV_DIR)"
  log "for the clients (BROKER_NODES=$BROKER_NODES source scripts/env.sh sets them):"
  grep -E '^(NATS_URL|KAFKA_BROKERS)=' "$BROKERS_ENV" | sed "s/^/[$LOG_TAG]   export /"
fi

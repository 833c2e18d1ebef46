#!/usr/bin/env bash
# Stops what scripts/env-up.sh started (recorded in target/env/<service>-<port>.started) and nothing
# else: servers that env-up found already running are left alone. Data stays in target/env
# (delete that directory for a clean slate). Idempotent.
set -euo pipefail
LOG_TAG=env-down
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ ! -d "$ENV_DIR" ]]; then log "nothing to stop ($ENV_DIR does not exist)"; exit 0; fi
exec 8>"$ENV_DIR/.env.lock"
flock -w 300 8 || die "another env-up/env-down is running (lock $ENV_DIR/.env.lock)"

as_postgres() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

stopped=0 failed=0
shopt -s nullglob
# The Kafka brokers stop together: the last node of a cluster left alone would wait for a quorum that is gone.
declare -A kafka_stops=()
for marker in "$ENV_DIR"/kafka-*.started; do
  port="$(basename "$marker" .started)"; port="${port##*-}"
  "$SCRIPTS_DIR/kafka-broker.sh" stop "$port" 8>&- &
  kafka_stops[$port]=$!
done
for port in "${!kafka_stops[@]}"; do
  if wait "${kafka_stops[$port]}"; then rm -f "$ENV_DIR/kafka-$port.started"; stopped=$((stopped + 1))
  else warn "could not stop Kafka on port $port"; failed=1; fi
done
for marker in "$ENV_DIR"/nats-*.started "$ENV_DIR"/postgres-*.started; do
  name="$(basename "$marker" .started)"
  service="${name%-*}" port="${name##*-}"
  case "$service" in
    nats)
      pidfile="$ENV_DIR/nats-$port/nats.pid"
      if pid="$(pid_alive_matching "$pidfile" nats-server)"; then
        log "stopping nats-server on 127.0.0.1:$port (pid $pid)"
        stop_pid "$pid" nats-server 15
        log "nats-server on port $port stopped"
      else
        log "nats-server on port $port (started by env-up) is no longer running"
      fi
      rm -f "$pidfile" "$marker"; stopped=$((stopped + 1))
      ;;
    postgres)
      read -r kind a b < "$marker" || true
      case "${kind:-}" in
        debian)
          log "stopping PostgreSQL cluster $a/$b (port $port)"
          if pg_ctlcluster --skip-systemctl-redirect "$a" "$b" status >/dev/null 2>&1; then
            if pg_ctlcluster --skip-systemctl-redirect "$a" "$b" stop -m fast 8>&-; then log "PostgreSQL cluster $a/$b stopped"
            else warn "pg_ctlcluster $a $b stop failed"; failed=1; continue; fi
          else
            log "PostgreSQL cluster $a/$b is not running"
          fi
          ;;
        pgctl)
          if as_postgres "$a/pg_ctl" -D "$b" status >/dev/null 2>&1; then
            log "stopping PostgreSQL in $b (port $port)"
            if as_postgres "$a/pg_ctl" -D "$b" stop -m fast -w -t 60 >/dev/null 8>&-; then log "PostgreSQL on port $port stopped"
            else warn "pg_ctl stop failed for $b"; failed=1; continue; fi
          else
            log "PostgreSQL in $b is not running"
          fi
          ;;
        *) warn "unreadable marker $marker: not stopping anything for it" ;;
      esac
      rm -f "$marker"; stopped=$((stopped + 1))
      ;;
  esac
done

# A cluster's client lists (scripts/env.sh) go with its last node.
if ! compgen -G "$ENV_DIR/kafka-*.started" >/dev/null && ! compgen -G "$ENV_DIR/nats-*.started" >/dev/null; then
  rm -f "$ENV_DIR"/brokers-*.env
fi

if (( stopped == 0 && failed == 0 )); then
  log "nothing to stop (env-up started no server, or they were already stopped)"
fi
(( failed == 0 )) || die "some servers could not be stopped (see messages above)"
log "done"

#!/usr/bin/env bash
# Connection settings of the local MallBots test environment (see scripts/env-up.sh).
#
#   source scripts/env.sh        # exports the variables into the current shell
#   eval "$(scripts/env.sh)"     # same, from a script that does not want to source it
#   scripts/env.sh               # prints the export lines
#
# A variable that is already set is kept. NATS_PORT / KAFKA_PORT (local ports used by env-up.sh)
# are taken into account for the default NATS_URL / KAFKA_BROKERS. Without BROKER_NODES (or with 1) the
# defaults are the single local servers.
# Note: no `set -euo pipefail` here when sourced, so the caller's shell options are not changed.

export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
export POSTGRES_USER="${POSTGRES_USER:-mallbots}"
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-mallbots}"
export POSTGRES_DB_NAME="${POSTGRES_DB_NAME:-mallbots}"
# BROKER_NODES=3 (after `BROKER_NODES=3 scripts/env-up.sh`): the lists of the local broker clusters instead.
if [[ "${BROKER_NODES:-1}" != 1 ]]; then
  __brokers="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/env/brokers-$BROKER_NODES.env"
  [[ -n "${MALLBOTS_ENV_DIR:-}" ]] && __brokers="$MALLBOTS_ENV_DIR/brokers-$BROKER_NODES.env"
  if [[ -f "$__brokers" ]]; then
    __kafka="$(sed -n 's/^KAFKA_BROKERS=//p' "$__brokers")" __nats="$(sed -n 's/^NATS_URL=//p' "$__brokers")"
    [[ -n "$__kafka" ]] && export KAFKA_BROKERS="${KAFKA_BROKERS:-$__kafka}"
    [[ -n "$__nats" ]] && export NATS_URL="${NATS_URL:-$__nats}"
    unset __kafka __nats
  else
    echo "scripts/env.sh: no $__brokers (run BROKER_NODES=$BROKER_NODES scripts/env-up.sh): single-node defaults" >&2
  fi
  unset __brokers
fi
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export NATS_URL="${NATS_URL:-nats://127.0.0.1:${NATS_PORT:-4222}}"

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  for __v in POSTGRES_HOST POSTGRES_PORT POSTGRES_USER POSTGRES_PASSWORD POSTGRES_DB_NAME KAFKA_BROKERS NATS_URL; do
    printf 'export %s=%q\n' "$__v" "${!__v}"
  done
fi

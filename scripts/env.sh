#!/usr/bin/env bash
# Connection settings of the local MallBots test environment (see scripts/env-up.sh).
#
#   source scripts/env.sh        # exports the variables into the current shell
#   eval "$(scripts/env.sh)"     # same, from a script that does not want to source it
#   scripts/env.sh               # prints the export lines
#
# A variable that is already set is kept. NATS_PORT / KAFKA_PORT (local ports used by env-up.sh)
# are taken into account for the default NATS_URL / KAFKA_BROKERS.
# Note: no `set -euo pipefail` here when sourced, so the caller's shell options are not changed.

export POSTGRES_HOST="${POSTGRES_HOST:-127.0.0.1}"
export POSTGRES_PORT="${POSTGRES_PORT:-5432}"
export POSTGRES_USER="${POSTGRES_USER:-mallbots}"
export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-mallbots}"
export POSTGRES_DB_NAME="${POSTGRES_DB_NAME:-mallbots}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export NATS_URL="${NATS_URL:-nats://127.0.0.1:${NATS_PORT:-4222}}"

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  for __v in POSTGRES_HOST POSTGRES_PORT POSTGRES_USER POSTGRES_PASSWORD POSTGRES_DB_NAME KAFKA_BROKERS NATS_URL; do
    printf 'export %s=%q\n' "$__v" "${!__v}"
  done
fi

#!/usr/bin/env bash
# make run-services: the seven services, one JVM each, against the local PostgreSQL and broker
# (scripts/env-up.sh starts them). Each JVM runs the service's own main class on the standard ports
# with its app.env defaults; the environment overrides them (EVENT_SERVER_TYPE=nats, SERVICE_HEAP=...).
# PORT_OFFSET=100 moves every port up by 100 (5180, 8130, ...) when the standard ones are taken; the
# services that call others are told where they went (<SERVICE>_GRPC_ENDPOINT, as make demo reads it).
# INSTANCES=2 starts two JVMs per service: instance n (1, 2, ...) listens on the standard ports + n-1
# (stores 5090/8090 and 5091/8091, management 8190 and 8191), and every service is given the list of all
# instances of the services it calls (STORES_GRPC_ENDPOINT=127.0.0.1:5090,127.0.0.1:5091), which its
# gRPC client balances over. Each JVM gets -Xmx$SERVICE_HEAP (128m); with more than one instance also
# SERVICE_JVM_OPTS (default: serial GC, C1 only), since 14 JVMs share the cores.
# Logs and pids go to target/run-services/ (<service>.log, or <service>-<n>.log with INSTANCES > 1).
# Waits for every /readiness, prints where each instance listens, and stops them all (SIGTERM, so each
# drains its in-flight work) on Ctrl-C. make swap-broker (scripts/swap-broker.sh) restarts instances on the
# other broker: an instance whose pid file names a new JVM is followed there, and one with a
# <instance>.swapping file beside it is being restarted, not dead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

CLASSPATH_FILE=mallbots-app/target/app.classpath
if [[ ! -f $CLASSPATH_FILE ]]; then
  echo "no $CLASSPATH_FILE yet: make run-services builds it" >&2
  exit 1
fi
CP="mallbots-app/target/classes:$(cat "$CLASSPATH_FILE")"
LOGS=target/run-services
HEAP="${SERVICE_HEAP:-128m}"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-180}"
OFFSET="${PORT_OFFSET:-0}"
INSTANCES="${INSTANCES:-1}"
if ! [[ $INSTANCES =~ ^[1-9]$ ]]; then
  echo "INSTANCES must be 1 to 9 (instance n takes the standard ports + n-1), got '$INSTANCES'" >&2
  exit 1
fi
if (( INSTANCES > 1 )); then
  read -r -a JVM_OPTS <<<"${SERVICE_JVM_OPTS--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
else
  read -r -a JVM_OPTS <<<"${SERVICE_JVM_OPTS:-}"
fi
mkdir -p "$LOGS"
rm -f "$LOGS"/*.swapping

# One set of access-token keys for the seven JVMs: those of the environment, else a throw-away set for this run.
if [[ -z "${AUTH_PUBLIC_KEY:-}${AUTH_PRIVATE_KEY:-}${SERVICE_TOKEN_KEY:-}" ]]; then
  while IFS= read -r line; do
    export "${line%%=*}=$(eval "printf '%s' ${line#*=}")"
  done < <(java -cp "$CP" io.mallbots.core.auth.AuthKeys)
  echo "token keys: a throw-away set generated for this run (set AUTH_PRIVATE_KEY, AUTH_PUBLIC_KEY, SERVICE_TOKEN_KEY to keep your own)"
fi

# service  main class                                   gRPC  HTTP
SERVICES=(
  "users         io.mallbots.users.agent.UsersMain                   5080 8030"
  "stores        io.mallbots.stores.agent.StoresMain                 5090 8090"
  "payments      io.mallbots.payments.agent.PaymentsMain             5070 8070"
  "notifications io.mallbots.notifications.agent.NotificationsMain   5010 8010"
  "search        io.mallbots.search.agent.SearchMain                 5020 8020"
  "ordering      io.mallbots.ordering.agent.OrderingMain             5050 8050"
  "baskets       io.mallbots.baskets.agent.BasketsMain               5040 8040"
)

# One entry per instance (label, main class, ports); every service is told where all instances of the
# others' gRPC are. With one instance the label is the service's name, as before.
INSTANCE_ENTRIES=()
for i in "${!SERVICES[@]}"; do
  read -r name main grpc http <<<"${SERVICES[$i]}"
  endpoints=""
  for ((n = 1; n <= INSTANCES; n++)); do
    label=$name
    (( INSTANCES > 1 )) && label="$name-$n"
    INSTANCE_ENTRIES+=("$label $main $((grpc + OFFSET + n - 1)) $((http + OFFSET + n - 1))")
    endpoints+="${endpoints:+,}127.0.0.1:$((grpc + OFFSET + n - 1))"
  done
  export "${name^^}_GRPC_ENDPOINT=$endpoints"
done
SERVICES=("${INSTANCE_ENTRIES[@]}")

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

for entry in "${SERVICES[@]}"; do
  read -r name _ grpc http <<<"$entry"
  for port in "$grpc" "$http" "$((http + 100))"; do
    if listening "$port"; then
      echo "port $port ($name) is taken: is make run or another run-services still up? (PORT_OFFSET=100 moves all ports)" >&2
      exit 1
    fi
  done
done

declare -A PIDS=()
# Follows instances make swap-broker restarted: their pid files name the new JVMs.
adopt() {
  local name pid
  for name in "${!PIDS[@]}"; do
    pid=$(cat "$LOGS/$name.pid" 2>/dev/null || true)
    [[ -n $pid ]] && PIDS[$name]=$pid
  done
}
stopping=false
stop_all() {
  $stopping && return
  stopping=true
  echo "stopping ${#PIDS[@]} JVMs (each drains its in-flight work)"
  adopt
  for name in "${!PIDS[@]}"; do kill -TERM "${PIDS[$name]}" 2>/dev/null || true; done
  for name in "${!PIDS[@]}"; do wait "${PIDS[$name]}" 2>/dev/null || true; done
  # JVMs make swap-broker started are not this shell's children: wait for them by their pid.
  local deadline=$(( $(date +%s) + 60 ))
  for name in "${!PIDS[@]}"; do
    while kill -0 "${PIDS[$name]}" 2>/dev/null && (( $(date +%s) < deadline )); do sleep 0.2; done
  done
  rm -f "$LOGS"/*.pid "$LOGS"/*.swapping
  echo "stopped"
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

started=$(date +%s%N)
for entry in "${SERVICES[@]}"; do
  read -r name main grpc http <<<"$entry"
  GRPC_SERVER_PORT=$grpc HTTP_SERVER_PORT=$http java -Xmx"$HEAP" "${JVM_OPTS[@]}" -cp "$CP" "$main" \
    >"$LOGS/$name.log" 2>&1 &
  PIDS[$name]=$!
  echo "${PIDS[$name]}" >"$LOGS/$name.pid"
done
echo "started ${#PIDS[@]} JVMs ($INSTANCES per service, heap $HEAP each, broker ${EVENT_SERVER_TYPE:-kafka}); logs in $LOGS/"

deadline=$(( $(date +%s) + READY_TIMEOUT_S ))
for entry in "${SERVICES[@]}"; do
  read -r name _ _ http <<<"$entry"
  # Health lives on the management port, the HTTP port + 100.
  until curl -fs -o /dev/null "http://127.0.0.1:$((http + 100))/readiness"; do
    if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      echo "$name exited before it was ready; the end of $LOGS/$name.log:" >&2
      tail -n 20 "$LOGS/$name.log" >&2
      exit 1
    fi
    if (( $(date +%s) > deadline )); then
      echo "$name not ready after ${READY_TIMEOUT_S}s; see $LOGS/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
done

printf '\n  %-16s %-8s %-6s %-6s %-10s %s\n' service pid gRPC HTTP management "Swagger UI"
for entry in "${SERVICES[@]}"; do
  read -r name _ grpc http <<<"$entry"
  printf '  %-16s %-8s %-6s %-6s %-10s http://localhost:%s/swagger/\n' "$name" "${PIDS[$name]}" "$grpc" "$http" \
    "$((http + 100))" "$http"
done
if (( INSTANCES > 1 )); then
  printf '\n  callers balance over: STORES_GRPC_ENDPOINT=%s USERS_GRPC_ENDPOINT=%s (and the others alike)\n' \
    "$STORES_GRPC_ENDPOINT" "$USERS_GRPC_ENDPOINT"
fi
if (( OFFSET != 0 )); then
  # make demo takes one host:port per service: the first instance's.
  printf '\n  for make demo:'
  for entry in "${SERVICES[@]}"; do
    read -r name _ grpc _ <<<"$entry"
    [[ $name == *-[2-9] ]] && continue
    printf ' %s_GRPC_ENDPOINT=127.0.0.1:%s' "$(tr '[:lower:]' '[:upper:]' <<<"${name%-1}")" "$grpc"
  done
  printf '\n'
fi
printf '\nMallBots ready: %d services in %d JVMs in %.1f s. Ctrl-C stops them.\n' \
  "$(( ${#PIDS[@]} / INSTANCES ))" "${#PIDS[@]}" "$(echo "($(date +%s%N) - $started) / 1000000000" | bc -l)"

# Stay in the foreground; a service that dies takes the others down, so nothing half-runs unnoticed.
while true; do
  adopt
  for name in "${!PIDS[@]}"; do
    [[ -e $LOGS/$name.swapping ]] && continue
    if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      echo "$name exited; the end of $LOGS/$name.log:" >&2
      tail -n 20 "$LOGS/$name.log" >&2
      exit 1
    fi
  done
  sleep 1
done

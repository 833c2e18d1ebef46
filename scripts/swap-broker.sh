#!/usr/bin/env bash
# make swap-broker TO=nats (or TO=kafka): moves the services `make run-services` runs to the other broker
# without a pause, one instance at a time. Each instance is stopped the gentle way (SIGTERM: it finishes its
# in-flight work) and started again with the same command and environment (read from /proc/<pid>), except
# EVENT_SERVER_TYPE=<TO> and EVENT_SERVER_DRAIN_FROM=<the broker it used>: it publishes to the new broker
# only and reads its subscriptions on the old one until they are empty (docs/operations.md). The next
# instance waits until this one answers /readiness, so with INSTANCES=2 every service keeps serving. A
# second pass restarts every moved instance once more, to read what the first one left on the old broker.
# Both brokers must be up (make env-up starts Kafka and NATS); KAFKA_BROKERS and NATS_URL came with the
# environment run-services started with.
#
#   TO=nats|kafka   the broker to move to (required)
#   FINISH=true     for instances already on TO: restart them without EVENT_SERVER_DRAIN_FROM, once the
#                   drain is done (the services' drain metric says so)
#   READY_TIMEOUT_S how long an instance may take to be ready again (180)
#   STOP_TIMEOUT_S  how long an instance may take to stop before SIGKILL (30)
#   RUN_SERVICES_LOGS where run-services.sh keeps its pid files and logs (target/run-services)
#
# MODE=pause instead stops new requests for the length of the swap, and restarts each instance once (see
# docs/operations.md, "Stop and drain"): it pauses every instance's intake (POST /intake/pause on the
# management port: outside calls get UNAVAILABLE with a retry hint, readiness 503; calls between services still
# pass), polls every instance's GET /drain until each says drained (no outbox row to publish, every group's lag
# on the old broker zero, no saga waiting for a reply) on two polls in a row, then restarts every instance at
# once on TO, without EVENT_SERVER_DRAIN_FROM; they start taking requests again. It reports what it waited for
# and how long there were no new requests. With AUTH_REQUIRED it signs itself an operator token with users'
# AUTH_PRIVATE_KEY, read from the running users JVM (io.mallbots.core.auth.OperatorToken).
#
#   MODE=drain|pause  drain (default): the rolling restart above; pause: stop and drain
#   DRAIN_TIMEOUT_S   MODE=pause: how long to wait for the drain before giving up and resuming intake (300)
#
# The new JVMs append to the same logs (target/run-services/<instance>.log) and replace their pid files;
# while one is restarted, target/run-services/<instance>.swapping tells run-services.sh not to take the
# whole mall down for it. Prints what it did and how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
LOGS="${RUN_SERVICES_LOGS:-$PWD/target/run-services}"
TO="${TO:-}"
FINISH="${FINISH:-false}"
MODE="${MODE:-drain}"
DRAIN_TIMEOUT_S="${DRAIN_TIMEOUT_S:-300}"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-180}"
STOP_TIMEOUT_S="${STOP_TIMEOUT_S:-30}"
# run-services.sh's start order: those others call first.
ORDER=(users stores payments notifications search ordering baskets)

die() { echo "swap-broker: $*" >&2; exit 1; }
[[ $TO == kafka || $TO == nats ]] || die "say where to: TO=nats or TO=kafka"
[[ $MODE == drain || $MODE == pause ]] || die "MODE=drain (default) or MODE=pause, got '$MODE'"
[[ -d /proc/self ]] || die "reads each service's command and environment from /proc: Linux only"

now_ns() { date +%s%N; }
seconds_since() { printf '%.1f' "$(echo "($(now_ns) - $1) / 1000000000" | bc -l)"; }
# setting PID NAME: one variable of a running JVM's environment (empty when unset).
setting() { tr '\0' '\n' <"/proc/$1/environ" | sed -n "s/^$2=//p"; }
alive() { [[ -e /proc/$1 ]] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }

instances=()
for service in "${ORDER[@]}"; do
  for pidfile in "$LOGS/$service.pid" "$LOGS/$service"-[1-9].pid; do
    [[ -f $pidfile ]] && instances+=("$(basename "$pidfile" .pid)")
  done
done
(( ${#instances[@]} > 0 )) || die "no pid files in $LOGS: is make run-services up?"
for name in "${instances[@]}"; do
  alive "$(cat "$LOGS/$name.pid")" || die "$name (pid $(cat "$LOGS/$name.pid")) is not running: is make run-services up?"
done

# restart NAME TYPE DRAIN_FROM: stops the instance (SIGTERM) and starts the same command in the same directory and
# environment, but EVENT_SERVER_TYPE=TYPE and EVENT_SERVER_DRAIN_FROM=DRAIN_FROM (none when empty); waits for its
# /readiness. Sets STOPPED and READY (seconds) and NEW (the new pid).
restart() {
  local name=$1 type=$2 drain_from=$3 pid argv directory environment variable http management step deadline
  pid=$(cat "$LOGS/$name.pid")
  mapfile -d '' argv <"/proc/$pid/cmdline"
  directory=$(readlink "/proc/$pid/cwd")
  environment=()
  while IFS= read -r -d '' variable; do
    case $variable in
      EVENT_SERVER_TYPE=* | EVENT_SERVER_DRAIN_FROM=*) ;;
      *) environment+=("$variable") ;;
    esac
  done <"/proc/$pid/environ"
  environment+=("EVENT_SERVER_TYPE=$type")
  [[ -n $drain_from ]] && environment+=("EVENT_SERVER_DRAIN_FROM=$drain_from")
  http=$(setting "$pid" HTTP_SERVER_PORT)
  management=$(setting "$pid" MANAGEMENT_PORT)
  management=${management:-$((http + 100))}

  touch "$LOGS/$name.swapping"
  step=$(now_ns)
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + STOP_TIMEOUT_S ))
  while alive "$pid"; do
    if (( $(date +%s) > deadline )); then
      echo "  $name did not stop within ${STOP_TIMEOUT_S}s: SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
  STOPPED=$(seconds_since "$step")

  step=$(now_ns)
  echo "--- make swap-broker: EVENT_SERVER_TYPE=$type${drain_from:+ EVENT_SERVER_DRAIN_FROM=$drain_from} ---" \
    >>"$LOGS/$name.log"
  # A session of its own: Ctrl-C here does not reach it; run-services.sh stops it with the others.
  (cd "$directory" && exec setsid env -i "${environment[@]}" "${argv[@]}") \
    >>"$LOGS/$name.log" 2>&1 </dev/null &
  NEW=$!
  echo "$NEW" >"$LOGS/$name.pid"
  deadline=$(( $(date +%s) + READY_TIMEOUT_S ))
  until curl -fs -o /dev/null "http://127.0.0.1:$management/readiness"; do
    if ! alive "$NEW"; then
      rm -f "$LOGS/$name.swapping"
      echo "  $name exited before it was ready; the end of $LOGS/$name.log:" >&2
      tail -n 20 "$LOGS/$name.log" >&2
      exit 1
    fi
    if (( $(date +%s) > deadline )); then
      rm -f "$LOGS/$name.swapping"
      die "$name not ready after ${READY_TIMEOUT_S}s; see $LOGS/$name.log"
    fi
    sleep 0.5
  done
  rm -f "$LOGS/$name.swapping"
  READY=$(seconds_since "$step")
}

if [[ $MODE == pause ]]; then
  source scripts/swap-broker-pause.sh
  exit 0
fi

# What each instance needs: a move (on another broker), a finish (FINISH=true, on TO and draining), or nothing.
moving=() finishing=() from=""
for name in "${instances[@]}"; do
  pid=$(cat "$LOGS/$name.pid")
  current=$(setting "$pid" EVENT_SERVER_TYPE)
  current=${current:-kafka}
  draining=$(setting "$pid" EVENT_SERVER_DRAIN_FROM)
  if [[ $current != "$TO" ]]; then
    moving+=("$name")
    from=$current
  elif [[ -n $draining && $FINISH == true ]]; then
    finishing+=("$name")
  elif [[ -n $draining ]]; then
    printf '  %-16s already on %s, draining %s (FINISH=true restarts it without, once drained)\n' \
      "$name" "$TO" "$draining"
  else
    printf '  %-16s already on %s\n' "$name" "$TO"
  fi
done

started=$(now_ns)
if (( ${#moving[@]} > 0 )); then
  echo "swap-broker: ${#moving[@]} instances from $from to $TO, one at a time, each ready before the next"
  echo "  pass 1, move: publish to $TO only, read $from until drained"
  pass=$(now_ns)
  for name in "${moving[@]}"; do
    restart "$name" "$TO" "$from"
    printf '    %-16s stopped in %s s, pid %s ready in %s s\n' "$name" "$STOPPED" "$NEW" "$READY"
  done
  echo "  pass 1 took $(seconds_since "$pass") s"
  # While pass 1 rolled, instances not yet moved still published to the old broker, and a moved consumer may
  # have drained it and closed its subscription there before that. Now nothing publishes there any more: a
  # second restart reads every group on the old broker from where it stopped, and then a zero lag stays zero.
  echo "  pass 2, re-drain: read $from again now that nothing publishes there"
  pass=$(now_ns)
  for name in "${moving[@]}"; do
    restart "$name" "$TO" "$from"
    printf '    %-16s stopped in %s s, pid %s ready in %s s\n' "$name" "$STOPPED" "$NEW" "$READY"
  done
  echo "  pass 2 took $(seconds_since "$pass") s"
fi
if (( ${#finishing[@]} > 0 )); then
  echo "swap-broker: ${#finishing[@]} instances restarted on $TO without EVENT_SERVER_DRAIN_FROM"
  for name in "${finishing[@]}"; do
    restart "$name" "$TO" ""
    printf '    %-16s stopped in %s s, pid %s ready in %s s\n' "$name" "$STOPPED" "$NEW" "$READY"
  done
fi
printf 'swap-broker: %d moved to %s, %d drains finished, in %s s\n' \
  "${#moving[@]}" "$TO" "${#finishing[@]}" "$(seconds_since "$started")"
if (( ${#moving[@]} > 0 )); then
  echo "Every service logs 'drained from $from' and shows mallbots_broker_drain_remaining_subscriptions 0 on" \
    "/metrics when done; then: make swap-broker TO=$TO FINISH=true"
fi

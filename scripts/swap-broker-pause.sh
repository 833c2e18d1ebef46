# make swap-broker TO=<broker> MODE=pause: stop and drain. Sourced by scripts/swap-broker.sh, which has found
# the instances (instances[]) and defines restart, setting, alive, now_ns, seconds_since and die.
#   1. pause every instance's intake (POST /intake/pause);
#   2. poll every instance's GET /drain until all say drained on two polls in a row (DRAIN_TIMEOUT_S: then
#      resume the intake, report what is stuck and fail);
#   3. restart every instance at once on TO, without EVENT_SERVER_DRAIN_FROM, and wait for their /readiness.
# Reports what it waited for, how long the drain and the restart took, and the seconds with no new requests.

command -v jq >/dev/null || die "MODE=pause reads the services' JSON with jq: install it"

management_of() { # PID: the instance's management port
  local pid=$1 http management
  http=$(setting "$pid" HTTP_SERVER_PORT)
  management=$(setting "$pid" MANAGEMENT_PORT)
  echo "${management:-$((http + 100))}"
}

# An operator token, when the services check tokens: signed with users' private key, from its JVM.
TOKEN=""
for name in "${instances[@]}"; do
  pid=$(cat "$LOGS/$name.pid")
  key=$(setting "$pid" AUTH_PRIVATE_KEY)
  [[ -z $key ]] && continue
  mapfile -d '' argv <"/proc/$pid/cmdline"
  classpath=""
  for ((i = 0; i < ${#argv[@]} - 1; i++)); do
    [[ ${argv[$i]} == -cp || ${argv[$i]} == -classpath ]] && classpath=${argv[$((i + 1))]}
  done
  TOKEN=$(cd "$(readlink "/proc/$pid/cwd")" && AUTH_PRIVATE_KEY=$key "${argv[0]}" -cp "$classpath" \
    io.mallbots.core.auth.OperatorToken swap-broker) || die "could not sign an operator token with $name's key"
  break
done
if [[ -z $TOKEN ]]; then
  for name in "${instances[@]}"; do
    [[ $(setting "$(cat "$LOGS/$name.pid")" AUTH_REQUIRED) == true ]] &&
      die "$name requires tokens but no instance holds AUTH_PRIVATE_KEY to sign an operator's"
  done
fi

# operator METHOD NAME PATH: calls an instance's management route as the operator; prints the JSON.
operator() {
  local pid
  pid=$(cat "$LOGS/$2.pid")
  curl -fsS -X "$1" ${TOKEN:+-H "Authorization: Bearer $TOKEN"} \
    "http://127.0.0.1:$(management_of "$pid")$3"
}

paused=false
resume_all() {
  $paused || return 0
  echo "swap-broker: resuming intake on every instance, still on the old broker" >&2
  for name in "${instances[@]}"; do operator POST "$name" /intake/resume >/dev/null || true; done
  paused=false
}
trap resume_all EXIT

from=$(setting "$(cat "$LOGS/${instances[0]}.pid")" EVENT_SERVER_TYPE)
from=${from:-kafka}
[[ $from == "$TO" ]] && { echo "swap-broker: already on $TO"; trap - EXIT; exit 0; }
echo "swap-broker: ${#instances[@]} instances from $from to $TO, with a pause"

started=$(now_ns)
for name in "${instances[@]}"; do
  operator POST "$name" /intake/pause >/dev/null || die "$name did not pause (its management port answered no)"
  paused=true
done
echo "  intake paused on every instance: outside calls get UNAVAILABLE, readiness 503"

# Poll until every instance says drained twice in a row.
declare -A first=() last=()
in_a_row=0
deadline=$(( $(date +%s) + DRAIN_TIMEOUT_S ))
while :; do
  all=true
  for name in "${instances[@]}"; do
    if report=$(operator GET "$name" /drain); then
      last[$name]=$report
      [[ -z ${first[$name]:-} ]] && first[$name]=$report
      [[ $(jq -r .drained <<<"$report") == true ]] || all=false
    else
      last[$name]='{"waitingFor":["its /drain did not answer"]}'
      all=false
    fi
  done
  if $all; then
    in_a_row=$((in_a_row + 1))
    (( in_a_row >= 2 )) && break
  else
    in_a_row=0
  fi
  if (( $(date +%s) > deadline )); then
    echo "swap-broker: not drained after ${DRAIN_TIMEOUT_S}s; still waiting for:" >&2
    for name in "${instances[@]}"; do
      jq -r --arg n "$name" '.waitingFor[]? | "  \($n): \(.)"' <<<"${last[$name]}" >&2
    done
    exit 1
  fi
  sleep 1
done
drained=$(seconds_since "$started")

echo "  waited for (at the pause):"
for name in "${instances[@]}"; do
  jq -r --arg n "$name" --arg to "$TO" '"    \($n): \(.outbox.pending) outbox rows, "
      + "\([.subscriptions[] | .lag // 0] | add // 0) messages behind over \(.subscriptions | length) groups"
      + ([.subscriptions[] | select(.lag != 0) | " \(.group)=\(.lag // "?")"] | join(""))
      + ", \([.sagas[] | .unfinished] | add // 0) sagas waiting for a reply"
      + (if .outbox.parked > 0 then "; \(.outbox.parked) parked rows stay parked (replay them once on \($to))" else "" end)' \
    <<<"${first[$name]}"
done
echo "  drained in $drained s"

step=$(now_ns)
paused=false # the new JVMs start open; nothing is left to resume
trap - EXIT
pids=()
for name in "${instances[@]}"; do
  (
    restart "$name" "$TO" ""
    printf '    %-16s stopped in %s s, pid %s ready in %s s\n' "$name" "$STOPPED" "$NEW" "$READY"
  ) &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
(( failed == 0 )) || die "$failed instances did not come back on $TO; see their logs in $LOGS"
restarted=$(seconds_since "$step")
echo "  restarted on $TO and ready in $restarted s"
printf 'swap-broker: %d instances moved from %s to %s; no new requests for %s s (drain %s s, restart %s s)\n' \
  "${#instances[@]}" "$from" "$TO" "$(seconds_since "$started")" "$drained" "$restarted"

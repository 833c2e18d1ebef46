# MallBots: the commands a developer, an operator and CI use. `make help` lists them.
SHELL := /bin/bash
MVN ?= mvn -B
ENV := source scripts/env.sh &&

.PHONY: help test build build-services env-up env-down run clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

test: env-up ## Bring up PostgreSQL, NATS and Kafka if needed, then build and run every test
	$(ENV) $(MVN) verify

build: ## Compile and package every module without tests
	$(MVN) install -DskipTests

build-services: build ## Build the service jars

env-up: ## Make sure PostgreSQL, NATS (JetStream) and Kafka run on 127.0.0.1 (starts what is missing)
	bash scripts/env-up.sh

env-down: ## Stop what env-up started (never a server it found running)
	bash scripts/env-down.sh

APP_CLASSPATH := mallbots-app/target/app.classpath
APP_JAVA := java -Xmx512m -cp mallbots-app/target/classes:$$(cat $(APP_CLASSPATH))

run: build ## All services in one JVM, embedded PostgreSQL and Kafka unless POSTGRES_HOST / KAFKA_BROKERS say otherwise
	$(MVN) -q -pl mallbots-app dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/app.classpath
	$(APP_JAVA) io.mallbots.app.MallbotsApp

clean: ## Remove build output (keeps target/env data of the local servers)
	$(MVN) -q clean

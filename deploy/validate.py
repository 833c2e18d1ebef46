"""Helpers of deploy/validate.sh (run with Debian's python3 + python3-yaml). Subcommands:
  stub-app-env ROOT SERVICE   a minimal app.env (core settings) for a service that has none yet
  dashboard-rules ROOT        the Grafana dashboard's queries as a rules file, for promtool
  helm-secrets ROOT           placeholder values for every secret the chart requires
  check ROOT WORK             cross-checks of poms, app.env, compose, Prometheus, Grafana and the chart
"""
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

import yaml

# The services, their default ports (DESIGN.md) and what each one is called in the poms.
PORTS = {"notifications": (5010, 8010), "search": (5020, 8020), "baskets": (5040, 8040),
         "ordering": (5050, 8050), "payments": (5070, 8070), "users": (5080, 8030), "stores": (5090, 8090)}
LOOPBACK = re.compile(r"(127\.0\.0\.1|localhost|\[::1\])")
POM = "{http://maven.apache.org/POM/4.0.0}"

errors = []


def error(message):
    errors.append(message)


def read_env(path):
    """KEY=VALUE lines of an app.env (comments and blank lines skipped)."""
    env = {}
    for line in pathlib.Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key.strip()] = value.strip()
    return env


def stub_app_env(root, service):
    grpc, http = PORTS[service]
    print(f"# STUB written by deploy/validate.sh (MALLBOTS_VALIDATE_STUB_APP_ENV=1): {service} has no app.env yet")
    for key, value in [("GRPC_SERVER_HOST", "0.0.0.0"), ("GRPC_SERVER_PORT", grpc), ("HTTP_SERVER_HOST", "0.0.0.0"),
                       ("HTTP_SERVER_PORT", http), ("POSTGRES_HOST", "127.0.0.1"), ("POSTGRES_PORT", 5432),
                       ("POSTGRES_DB_NAME", "mallbots"), ("POSTGRES_USER", "mallbots"), ("POSTGRES_PASSWORD", "mallbots"),
                       ("POSTGRES_SCHEMA", service), ("POSTGRES_POOL_SIZE", 4), ("EVENT_SERVER_TYPE", "kafka"),
                       ("KAFKA_BROKERS", "127.0.0.1:9092"), ("NATS_URL", "nats://127.0.0.1:4222"),
                       ("NATS_STREAM", "mallbots"), ("OUTBOX_BATCH_SIZE", 256), ("OUTBOX_POLL_INTERVAL_MS", 1000),
                       ("MESSAGE_MAX_ATTEMPTS", 5), ("MESSAGE_MAX_IN_FLIGHT", 64), ("OTEL_EXPORTER_OTLP_ENDPOINT", "")]:
        print(f"{key}={value}")


def dashboard_exprs(root):
    dash = json.loads((root / "compose/grafana/dashboards/mallbots-overview.json").read_text())
    for panel in dash["panels"]:
        for target in panel.get("targets", []):
            yield panel["title"], target["expr"]


def dashboard_rules(root):
    rules = []
    for i, (title, expr) in enumerate(dashboard_exprs(root)):
        expr = expr.replace("$__rate_interval", "5m").replace("$service", ".*")
        rules.append({"record": f"dashboard:panel_{i}", "expr": expr, "labels": {"panel": title}})
    print(yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, sort_keys=False))


def helm_secrets(root, omit=None):
    """Placeholders for every secret of values.yaml; `omit` (e.g. dbPasswords.users) stays empty.
    With omit "list", prints the secret paths instead."""
    values = yaml.safe_load((root / "deploy/k8s/mallbots/values.yaml").read_text())
    secrets = {key: "validate-only-not-a-secret" for key, value in values["secrets"].items() if not isinstance(value, dict)}
    secrets["dbPasswords"] = {name: f"validate-only-{name}" for name in values["secrets"]["dbPasswords"]}
    paths = [k for k in secrets if k != "dbPasswords"] + [f"dbPasswords.{n}" for n in secrets["dbPasswords"]]
    if omit == "list":
        print("\n".join(paths))
        return
    if omit:
        *parents, leaf = omit.split(".")
        node = secrets
        for p in parents:
            node = node[p]
        node[leaf] = ""
    print(yaml.safe_dump({"secrets": secrets}))


def pom_facts(root):
    """Per service: main class property and the Jib ports of its pom; the parent's Jib image and base."""
    parent = ET.parse(root / "pom.xml").getroot()
    jib = [p for p in parent.iter(POM + "plugin") if p.findtext(POM + "artifactId") == "jib-maven-plugin"]
    conf = jib[0].find(POM + "configuration") if jib else None
    if conf is None:
        error("pom.xml: no jib-maven-plugin configuration in pluginManagement")
        return {}, None
    image = conf.findtext(f"{POM}to/{POM}image")
    if conf.findtext(f"{POM}from/{POM}image") != "eclipse-temurin:17-jre":
        error("pom.xml: the Jib base image is not eclipse-temurin:17-jre")
    if conf.findtext(f"{POM}container/{POM}mainClass") != "${mallbots.main}":
        error("pom.xml: the Jib main class is not ${mallbots.main}")
    facts = {}
    for service in PORTS:
        pom = ET.parse(root / f"mallbots-{service}/pom.xml").getroot()
        props = pom.find(POM + "properties")
        main = props.findtext(POM + "mallbots.main") if props is not None else None
        if main != f"io.mallbots.{service}.agent.{service.capitalize()}Main":
            error(f"mallbots-{service}/pom.xml: mallbots.main is {main!r}")
        plugins = [p for p in pom.iter(POM + "plugin") if p.findtext(POM + "artifactId") == "jib-maven-plugin"]
        if not plugins:
            error(f"mallbots-{service}/pom.xml: does not declare jib-maven-plugin")
            continue
        ports = [int(p.text) for p in plugins[0].iter(POM + "port")]
        facts[service] = sorted(ports)
    return facts, image


def check(root, work):
    jib_ports, image_pattern = pom_facts(root)
    if image_pattern != "mallbots/${mallbots.service}:${project.version}":
        error(f"pom.xml: Jib image is {image_pattern!r}, expected mallbots/${{mallbots.service}}:${{project.version}}")

    app_env = {s: read_env(work / f"tree/mallbots-{s}/app.env") for s in PORTS}
    ports = {}
    for s, env in app_env.items():
        try:
            ports[s] = (int(env["GRPC_SERVER_PORT"]), int(env["HTTP_SERVER_PORT"]))
        except (KeyError, ValueError):
            error(f"mallbots-{s}/app.env: GRPC_SERVER_PORT / HTTP_SERVER_PORT missing or not numbers")
            ports[s] = PORTS[s]
        if ports[s] != PORTS[s]:
            error(f"mallbots-{s}/app.env: ports {ports[s]} differ from the documented defaults {PORTS[s]}")
        if jib_ports.get(s) is not None and jib_ports[s] != sorted(ports[s]):
            error(f"mallbots-{s}/pom.xml: Jib exposes {jib_ports[s]}, app.env says {sorted(ports[s])}")

    def endpoints_ok(where, env, known):
        """*_GRPC_ENDPOINT values must name a known service at its gRPC port."""
        for key, value in env.items():
            m = re.fullmatch(r"([A-Z]+)_GRPC_ENDPOINT", key)
            if m and m.group(1).lower() in PORTS:
                target = m.group(1).lower()
                if value != f"{known[target]}:{ports[target][0]}":
                    error(f"{where}: {key}={value}, expected {known[target]}:{ports[target][0]}")

    # compose: every app.env setting present, nothing left on loopback, ports published, images named right.
    compose = yaml.safe_load((work / "compose.resolved.yml").read_text())["services"]
    for s in PORTS:
        svc = compose.get(s)
        if svc is None:
            error(f"compose: service {s} missing")
            continue
        env = {k: "" if v is None else str(v) for k, v in (svc.get("environment") or {}).items()}
        for key in app_env[s]:
            if key not in env:
                error(f"compose: {s} does not set {key} (listed in mallbots-{s}/app.env)")
        for key, value in env.items():
            if LOOPBACK.search(value):
                error(f"compose: {s} has {key}={value}: loopback is the container itself; use a compose service name")
        if not str(svc.get("image", "")).startswith(f"mallbots/{s}:"):
            error(f"compose: {s} image is {svc.get('image')!r}, expected mallbots/{s}:<version>")
        if (env.get("POSTGRES_DB_NAME"), env.get("POSTGRES_USER")) != (s, s):
            error(f"compose: {s} must use its own database and role ({s}), not {env.get('POSTGRES_DB_NAME')}/{env.get('POSTGRES_USER')}")
        if env.get("POSTGRES_HOST") != "postgres":
            error(f"compose: {s} POSTGRES_HOST is {env.get('POSTGRES_HOST')!r}, expected postgres")
        published = {int(str(p.get("target") if isinstance(p, dict) else p).split(":")[-1].split("/")[0])
                     for p in svc.get("ports", [])}
        for port in (int(env.get("GRPC_SERVER_PORT", 0)), int(env.get("HTTP_SERVER_PORT", 0))):
            if port not in published:
                error(f"compose: {s} listens on {port} but does not publish it")
        if "readiness" not in json.dumps(svc.get("healthcheck", {})):
            error(f"compose: {s} has no healthcheck on /readiness")
        endpoints_ok(f"compose: {s}", env, {t: t for t in PORTS})
    for infra in ("postgres", "kafka", "nats", "jaeger", "prometheus", "grafana"):
        if infra not in compose:
            error(f"compose: {infra} missing")
    if compose.get("users") and "AUTH_PRIVATE_KEY" not in (compose["users"].get("environment") or {}):
        error("compose: users does not get AUTH_PRIVATE_KEY")
    for s in PORTS:
        if s != "users" and "AUTH_PRIVATE_KEY" in ((compose.get(s) or {}).get("environment") or {}):
            error(f"compose: {s} gets AUTH_PRIVATE_KEY, which only users may hold")
    nats = compose.get("nats", {})
    if "--jetstream" not in nats.get("command", []) or not any("8222" in str(p) for p in nats.get("ports", [])):
        error("compose: nats must run with --jetstream and publish its monitoring port 8222")

    # Every secret of .env.example (the keys without a value) is required wherever the compose file uses it.
    raw = (root / "compose/docker-compose.yml").read_text()
    example = read_env(root / "compose/.env.example")
    for key in (k for k, v in example.items() if v == ""):
        uses = re.findall(r"\$\{" + key + r"(:\?|[^}A-Z0-9_]?)", raw)
        if not uses:
            error(f"compose: secret {key} of .env.example is never used")
        elif any(u != ":?" for u in uses):
            error(f"compose: secret {key} must be written ${{{key}:?message}} everywhere (refuse to start without it)")
    for s in PORTS:
        env = (compose.get(s) or {}).get("environment") or {}
        for key in ("POSTGRES_PASSWORD", "AUTH_PRIVATE_KEY", "SERVICE_TOKEN_KEY"):
            if key in env and not str(env[key]).startswith("validate-only"):
                error(f"compose: {s} {key} does not come from compose/.env (it is {env[key]!r})")

    # Prometheus scrapes every service's HTTP port.
    prom = yaml.safe_load((root / "compose/prometheus/prometheus.yml").read_text())
    targets = {t for job in prom["scrape_configs"] if job["job_name"] == "mallbots"
               for sc in job["static_configs"] for t in sc["targets"]}
    expected = {f"{s}:{ports[s][1] + 100}" for s in PORTS}
    if targets != expected:
        error(f"prometheus.yml: mallbots targets {sorted(targets)} != {sorted(expected)}")

    # Grafana: the provisioned datasource is the one the dashboard uses.
    ds = yaml.safe_load((root / "compose/grafana/provisioning/datasources/prometheus.yml").read_text())
    uids = {d["uid"] for d in ds["datasources"]}
    dash = json.loads((root / "compose/grafana/dashboards/mallbots-overview.json").read_text())
    for panel in dash["panels"]:
        if "datasource" in panel and panel["datasource"]["uid"] not in uids:
            error(f"dashboard: panel {panel['title']!r} uses an unknown datasource")

    # Metric names used by alerts and dashboard exist in the services' code (Micrometer dotted names).
    sources = "\n".join(p.read_text(errors="replace") for p in root.glob("mallbots-*/src/main/java/**/*.java"))
    texts = (root / "compose/prometheus/alerts.yml").read_text() + "\n".join(e for _, e in dashboard_exprs(root))
    for metric in sorted(set(re.findall(r"\bmallbots_[a-z_]+", texts))):
        base = re.sub(r"(_seconds)?(_total|_count|_sum|_max|_bucket)$", "", metric)
        if base.endswith("_seconds") and f'"{base.replace("_", ".")}"' not in sources:
            base = base[: -len("_seconds")]
        if f'"{base.replace("_", ".")}"' not in sources:
            error(f"alerts/dashboard use {metric}, but no meter {base.replace('_', '.')!r} is registered in the code")

    # The chart's copy of the init script is compose's.
    if (root / "compose/postgres/init-databases.sh").read_bytes() != (root / "deploy/k8s/mallbots/files/init-databases.sh").read_bytes():
        error("deploy/k8s/mallbots/files/init-databases.sh differs from compose/postgres/init-databases.sh: copy it over")

    # Kubernetes manifests.
    docs = [d for d in yaml.safe_load_all((work / "k8s.yaml").read_text()) if d]
    by_kind = {}
    for d in docs:
        by_kind.setdefault(d["kind"], {})[d["metadata"]["name"]] = d
    for s in PORTS:
        dep = by_kind.get("Deployment", {}).get(s)
        if dep is None:
            error(f"k8s: Deployment {s} missing")
            continue
        pod = dep["spec"]["template"]
        c = pod["spec"]["containers"][0]
        if not re.fullmatch(rf"(.+/)?mallbots/{s}:[\w.\-]+", c["image"]):
            error(f"k8s: {s} image is {c['image']!r}, expected [registry/]mallbots/{s}:<version>")
        named = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
        if (named.get("grpc"), named.get("http")) != ports[s]:
            error(f"k8s: {s} container ports {named} != app.env {ports[s]}")
        for probe, path in (("readinessProbe", "/readiness"), ("livenessProbe", "/liveness")):
            get = c.get(probe, {}).get("httpGet", {})
            port = named.get(get.get("port"), get.get("port"))
            if get.get("path") != path or port != ports[s][1] + 100:
                error(f"k8s: {s} {probe} is {get}, expected {path} on the management port {ports[s][1] + 100}")
        res = c.get("resources", {})
        if not res.get("requests") or not res.get("limits"):
            error(f"k8s: {s} has no resource requests and limits")
        env = {}
        for src in c.get("envFrom", []):
            if "configMapRef" in src:
                cm = by_kind.get("ConfigMap", {}).get(src["configMapRef"]["name"])
                if cm is None:
                    error(f"k8s: {s} references a missing ConfigMap {src['configMapRef']['name']}")
                    continue
                for key, value in (cm.get("data") or {}).items():
                    env[key] = str(value)
                    if LOOPBACK.search(str(value)):
                        error(f"k8s: {s} ConfigMap has {key}={value}: loopback is the pod itself")
                    if re.search(r"(PASSWORD|SECRET|SIGNING_KEY)", key):
                        error(f"k8s: {s} ConfigMap holds {key}: secrets belong in the Secret")
            if "secretRef" in src:
                sec = by_kind.get("Secret", {}).get(src["secretRef"]["name"])
                if sec is None:
                    error(f"k8s: {s} references a missing Secret {src['secretRef']['name']}")
                    continue
                env.update({k: "<secret>" for k in (sec.get("data") or {})})
        for key in app_env[s]:
            if key not in env:
                error(f"k8s: {s} ConfigMap/Secret lack {key} (listed in mallbots-{s}/app.env): add it to values.yaml")
        if "POSTGRES_PASSWORD" not in env or env["POSTGRES_PASSWORD"] != "<secret>":
            error(f"k8s: {s} POSTGRES_PASSWORD must come from its Secret")
        endpoints_ok(f"k8s: {s}", env, {t: t for t in PORTS})
    # Every Service selects a pod template and targets ports that container declares.
    templates = [d["spec"]["template"] for d in docs if d["kind"] in ("Deployment", "StatefulSet")]
    for name, svc in by_kind.get("Service", {}).items():
        selector = svc["spec"].get("selector", {})
        pods = [t for t in templates if selector.items() <= t["metadata"]["labels"].items()]
        if not pods:
            error(f"k8s: Service {name} selects no pod")
            continue
        declared = {p.get("name") for c in pods[0]["spec"]["containers"] for p in c.get("ports", [])} | \
                   {p["containerPort"] for c in pods[0]["spec"]["containers"] for p in c.get("ports", [])}
        for p in svc["spec"]["ports"]:
            if p.get("targetPort", p["port"]) not in declared:
                error(f"k8s: Service {name} targets port {p.get('targetPort')} that its pod does not declare")
    for infra in ("postgres", "kafka", "nats"):
        if infra not in by_kind.get("Service", {}):
            error(f"k8s: Service {infra} missing")

    for e in errors:
        print("  - " + e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    command, root = sys.argv[1], pathlib.Path(sys.argv[2])
    if command == "stub-app-env":
        stub_app_env(root, sys.argv[3])
    elif command == "dashboard-rules":
        dashboard_rules(root)
    elif command == "helm-secrets":
        helm_secrets(root, sys.argv[3] if len(sys.argv) > 3 else None)
    elif command == "check":
        sys.exit(check(root, pathlib.Path(sys.argv[3])))
    else:
        sys.exit(f"unknown command {command}")

"""Helpers of deploy/validate.sh (run with Debian's python3 + python3-yaml). Subcommands:
  stub-app-env ROOT SERVICE   a minimal app.env (core settings) for a service that has none yet
  dashboard-rules ROOT        the Grafana dashboard's queries as a rules file, for promtool
  helm-secrets ROOT           placeholder values for every secret the chart requires
  gateway ROOT WORK           the gateway's routes, nginx -t, and its routes tried on a local nginx
  check ROOT WORK             cross-checks of poms, app.env, compose, Prometheus, Grafana and the chart
"""
import json
import pathlib
import re
import subprocess
import sys
import time
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
                       ("OUTBOX_LEASE_RETRY_MS", 2000), ("KAFKA_PARTITIONS", 4), ("KAFKA_REPLICATION_FACTOR", 1),
                       ("KAFKA_MIN_INSYNC_REPLICAS", 1), ("NATS_REPLICAS", 1), ("NATS_PARTITIONS", 8),
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


# Host ports of `make env-up`'s servers (PostgreSQL, NATS and its monitoring, Kafka and its controller): the compose
# stack must run beside them.
ENV_UP_PORTS = {5432, 4222, 8222, 9092, 9093}
INFRA = ("postgres", "broker", "jaeger", "prometheus", "grafana", "gateway")
SECRET_USE = r"\$\{%s(:\?|:-|\?|-|\})"


def published_ports(svc):
    """(host_ip, host port, container port) of each published port of a resolved compose service."""
    out = []
    for p in svc.get("ports", []):
        if isinstance(p, dict):
            if p.get("published") is not None:
                out.append((p.get("host_ip", ""), int(str(p["published"])), int(str(p["target"]))))
        else:
            parts = str(p).split("/")[0].split(":")
            if len(parts) >= 2:
                out.append((parts[0] if len(parts) == 3 else "", int(parts[-2]), int(parts[-1])))
    return out


def check_compose(root, work, app_env, ports, endpoints_ok):
    """The resolved dev (Kafka and NATS) and prod configurations (deploy/validate.sh writes them)."""
    configs = {name: yaml.safe_load((work / f"compose.{name}.yml").read_text())["services"]
               for name in ("dev", "dev-nats", "prod")}
    service_ports = {p for s in PORTS for p in (ports[s][0], ports[s][1], ports[s][1] + 100)}
    for name, compose in configs.items():
        where = f"compose ({name})"
        prod = name == "prod"
        broker = "nats" if name == "dev-nats" else "kafka"
        for infra in INFRA:
            if infra not in compose:
                error(f"{where}: {infra} missing")
        for other in ("kafka", "nats"):
            if other in compose:
                error(f"{where}: a service {other} runs beside the broker: only the chosen broker may run")
        image = str((compose.get("broker") or {}).get("image", ""))
        if not image.startswith("apache/kafka:" if broker == "kafka" else "nats:"):
            error(f"{where}: the broker runs {image!r}, expected {broker}")
        aliases = ((((compose.get("broker") or {}).get("networks") or {}).get("default")) or {}).get("aliases") or []
        if broker not in aliases:
            error(f"{where}: the broker is not reachable as {broker} (network alias)")
        if broker == "nats" and "--jetstream" not in (compose.get("broker") or {}).get("command", []):
            error(f"{where}: nats must run with --jetstream")
        # Every container has a healthcheck; no host port collides with env-up's servers or the services' own
        # ports (make run-services); only the gateway publishes beyond the loopback; the services publish nothing.
        for cname, svc in compose.items():
            test = (svc.get("healthcheck") or {}).get("test")
            if not test or (svc.get("healthcheck") or {}).get("disable") or test in (["NONE"], "NONE"):
                error(f"{where}: {cname} has no healthcheck")
            for host_ip, host_port, _ in published_ports(svc):
                if host_port in ENV_UP_PORTS:
                    error(f"{where}: {cname} publishes host port {host_port}, which make env-up's servers use")
                if host_port in service_ports:
                    error(f"{where}: {cname} publishes host port {host_port}, a service port of make run-services")
                if cname != "gateway" and host_ip not in ("127.0.0.1", "::1"):
                    error(f"{where}: {cname} publishes {host_port} on every interface: only the gateway may (127.0.0.1:...)")
        gateway_targets = {t for _, _, t in published_ports(compose.get("gateway") or {})}
        if not {8080, 9080} <= gateway_targets:
            error(f"{where}: the gateway publishes {sorted(gateway_targets)}, expected 8080 (HTTP) and 9080 (gRPC)")
        gateway_conf = [v for v in (compose.get("gateway") or {}).get("volumes", []) if "/etc/nginx/nginx.conf" in str(v)]
        expected_conf = "gateway/nginx.prod.conf" if prod else "gateway/nginx.conf"
        if len(gateway_conf) != 1 or expected_conf not in str(gateway_conf[0]):
            error(f"{where}: the gateway does not mount {expected_conf} as /etc/nginx/nginx.conf ({gateway_conf})")

        for s in PORTS:
            svc = compose.get(s)
            if svc is None:
                error(f"{where}: service {s} missing")
                continue
            env = {k: "" if v is None else str(v) for k, v in (svc.get("environment") or {}).items()}
            for key in app_env[s]:
                if key not in env:
                    error(f"{where}: {s} does not set {key} (listed in mallbots-{s}/app.env)")
            for key, value in env.items():
                if LOOPBACK.search(value):
                    error(f"{where}: {s} has {key}={value}: loopback is the container itself; use a compose service name")
            if not str(svc.get("image", "")).startswith(f"mallbots/{s}:"):
                error(f"{where}: {s} image is {svc.get('image')!r}, expected mallbots/{s}:<version>")
            if (env.get("POSTGRES_DB_NAME"), env.get("POSTGRES_USER")) != (s, s):
                error(f"{where}: {s} must use its own database and role ({s}), not {env.get('POSTGRES_DB_NAME')}/{env.get('POSTGRES_USER')}")
            if env.get("POSTGRES_HOST") != "postgres":
                error(f"{where}: {s} POSTGRES_HOST is {env.get('POSTGRES_HOST')!r}, expected postgres")
            if env.get("EVENT_SERVER_TYPE") != broker:
                error(f"{where}: {s} EVENT_SERVER_TYPE is {env.get('EVENT_SERVER_TYPE')!r} while the broker is {broker}")
            if published_ports(svc):
                error(f"{where}: {s} publishes ports: the gateway is the one entry point")
            exposed = {int(str(p).split("/")[0]) for p in svc.get("expose", [])}
            grpc, http = int(env.get("GRPC_SERVER_PORT", 0)), int(env.get("HTTP_SERVER_PORT", 0))
            if not {grpc, http, http + 100} <= exposed:
                error(f"{where}: {s} exposes {sorted(exposed)}, expected gRPC {grpc}, HTTP {http}, management {http + 100}")
            check = json.dumps((svc.get("healthcheck") or {}).get("test", ""))
            if "/readiness" not in check or "MANAGEMENT_PORT" not in check or "HTTP_SERVER_PORT + 100" not in check:
                error(f"{where}: {s} healthcheck must ask /readiness on the management port (MANAGEMENT_PORT, else HTTP port + 100)")
            deps = svc.get("depends_on") or {}
            if "broker" not in deps or (isinstance(deps, dict) and (deps["broker"] or {}).get("condition") != "service_healthy"):
                error(f"{where}: {s} must wait for the broker to be healthy")
            endpoints_ok(f"{where}: {s}", env, {t: t for t in PORTS})
            if s != "users" and env.get("AUTH_PRIVATE_KEY"):
                error(f"{where}: {s} gets AUTH_PRIVATE_KEY, which only users may hold")
            tls = env.get("GRPC_SERVER_TLS_ENABLED") == "true"
            if prod:
                if (env.get("MALLBOTS_ENV"), env.get("AUTH_REQUIRED"), tls, env.get("GRPC_CLIENT_TLS_ENABLED")) != ("prod", "true", True, "true"):
                    error(f"{where}: {s} must run MALLBOTS_ENV=prod, AUTH_REQUIRED=true, server and client TLS")
                mounted = {str(v).split(":")[1] for v in svc.get("volumes", []) if str(v).count(":") >= 1}
                for key in ("GRPC_SERVER_CERT_FILE", "GRPC_SERVER_KEY_FILE", "GRPC_CLIENT_CA_FILE"):
                    if env.get(key) not in mounted:
                        error(f"{where}: {s} {key}={env.get(key)!r} is not a mounted file ({sorted(mounted)})")
                secrets = ["POSTGRES_PASSWORD", "AUTH_PUBLIC_KEY", "SERVICE_TOKEN_KEY"] + (["AUTH_PRIVATE_KEY"] if s == "users" else [])
                for key in secrets:
                    if not env.get(key, "").startswith("validate-only"):
                        error(f"{where}: {s} {key} does not come from compose/.env (it is {env.get(key)!r})")
            else:
                if (env.get("MALLBOTS_ENV"), env.get("AUTH_REQUIRED"), tls) != ("dev", "false", False):
                    error(f"{where}: {s} must run MALLBOTS_ENV=dev, AUTH_REQUIRED=false, plain text (it starts as it is)")
                if env.get("POSTGRES_PASSWORD") != f"{s}-dev":
                    error(f"{where}: {s} POSTGRES_PASSWORD is not the development default {s}-dev")
        # The database's own passwords match the services', and prod takes every one from compose/.env.
        pg = {k: str(v) for k, v in ((compose.get("postgres") or {}).get("environment") or {}).items()}
        for s in PORTS:
            svc_pw = str(((compose.get(s) or {}).get("environment") or {}).get("POSTGRES_PASSWORD"))
            if pg.get(f"{s.upper()}_DB_PASSWORD") != svc_pw:
                error(f"{where}: postgres creates {s} with another password than {s} uses")
        if prod:
            for key in ["POSTGRES_PASSWORD"] + [f"{s.upper()}_DB_PASSWORD" for s in PORTS]:
                if not pg.get(key, "").startswith("validate-only"):
                    error(f"{where}: postgres {key} does not come from compose/.env")
            grafana = ((compose.get("grafana") or {}).get("environment") or {}).get("GF_SECURITY_ADMIN_PASSWORD", "")
            if not str(grafana).startswith("validate-only"):
                error(f"{where}: Grafana's admin password does not come from compose/.env")

    # Every secret of .env.example (the keys without a value) is required by the prod override, written
    # ${KEY:?message} at each use; the dev file uses it only with a development default (${KEY:-...}).
    dev_raw = (root / "compose/docker-compose.yml").read_text()
    prod_raw = (root / "compose/docker-compose.prod.yml").read_text()
    example = read_env(root / "compose/.env.example")
    for key in (k for k, v in example.items() if v == ""):
        uses = re.findall(SECRET_USE % key, prod_raw)
        if not uses:
            error(f"compose: secret {key} of .env.example is never used by docker-compose.prod.yml")
        elif any(u != ":?" for u in uses):
            error(f"compose: secret {key} must be written ${{{key}:?message}} everywhere in docker-compose.prod.yml")
        if any(u != ":-" for u in re.findall(SECRET_USE % key, dev_raw)):
            error(f"compose: docker-compose.yml uses secret {key} without a development default (${{{key}:-...}})")


def nginx_locations(text):
    """{location argument: body} of an nginx config (the blocks hold no nested braces)."""
    return {m.group(1).strip(): m.group(2) for m in re.finditer(r"location\s+([^{]+)\{([^{}]*)\}", text)}


def gateway_routes(root, ports):
    """Both gateway configs route every service's JSON bridge, OpenAPI document and gRPC package to its ports,
    and nothing to a management port."""
    proto_dir = root / "protos/src/main/proto/mallbots"
    for conf, prod in (("nginx.conf", False), ("nginx.prod.conf", True)):
        text = (root / "compose/gateway" / conf).read_text()
        locs = nginx_locations(text)
        where = f"compose/gateway/{conf}"
        for listen in ("8080", "9080"):
            if not re.search(rf"listen\s+{listen}\b[^;]*" + (r"\bssl\b" if prod else ""), text):
                error(f"{where}: no listen {listen}" + (" ssl" if prod else ""))
        if not re.search(r"listen\s+9080\b[^;]*\bhttp2\b", text):
            error(f"{where}: the gRPC listener 9080 does not speak HTTP/2")
        http_scheme, grpc_scheme = ("https", "grpcs") if prod else ("http", "grpc")
        for s, (grpc, http) in ports.items():
            package = f"mallbots.{s}.v1"
            protos = list((proto_dir / s / "v1").glob("*.proto"))
            if not any(re.search(rf"^package {re.escape(package)};", p.read_text(), re.M) and
                       re.search(r"^service \w+ \{", p.read_text(), re.M) for p in protos):
                error(f"protos: no gRPC service in package {package}, which the gateway routes")
            for path, port, directive in ((f"/v1/api/{s}/", http, f"proxy_pass {http_scheme}://$upstream;"),
                                          (f"= /openapi/{s}.json", http, f"proxy_pass {http_scheme}://$upstream/openapi.json;"),
                                          (f"/{package}.", grpc, f"grpc_pass {grpc_scheme}://$upstream;")):
                body = locs.get(path)
                if body is None:
                    error(f"{where}: no location {path}")
                    continue
                if f"set $upstream {s}:{port};" not in body or directive not in body:
                    error(f"{where}: location {path} does not send to {s}:{port} with {directive}")
                if prod and f"_ssl_name {s};" not in body:
                    error(f"{where}: location {path} does not verify the certificate's name {s}")
        for s, (_, http) in ports.items():
            if re.search(rf"\b{s}:{http + 100}\b", text):
                error(f"{where}: routes {s}'s management port {http + 100} (health, metrics, operator routes stay inside)")


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)


def make_certs(d):
    """A throw-away CA, a certificate for every service name (the stand-ins) and one for the gateway (localhost)."""
    d.mkdir(parents=True, exist_ok=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
    steps = [["openssl", "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=validate-ca"]]
    for name, sans in (("backend", ",".join(f"DNS:{s}" for s in PORTS)), ("gateway", "DNS:localhost")):
        (d / f"{name}.ext").write_text(f"subjectAltName={sans}\n")
        steps += [["openssl", "req", *ec, "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}"],
                  ["openssl", "x509", "-req", "-in", f"{name}.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                   "-out", f"{name}.crt", "-days", "2", "-extfile", f"{name}.ext"]]
    for step in steps:
        r = run(step, cwd=d)
        if r.returncode:
            error(f"gateway test: {' '.join(step[:3])} failed: {r.stderr.strip()}")
            return False
    return True


def gateway_test_conf(text, prod, d, offset, ports):
    """The gateway's config for a local nginx: ports moved by offset, the services replaced by stand-ins on the
    loopback that answer '<service> <path>' (over TLS with a certificate naming every service, for prod)."""
    text = text.replace("/etc/nginx/tls", str(d / "tls")).replace("pid /tmp/nginx.pid", f"pid {d}/nginx.pid")
    text = re.sub(r"resolver [^;]*;", "", text)
    text = re.sub(r"listen (127\.0\.0\.1:)?(8080|9080|8081)\b", lambda m: f"listen 127.0.0.1:{int(m.group(2)) + offset}", text)
    text = re.sub(r"set \$upstream (\w+):(\d+);", lambda m: f"set $upstream 127.0.0.1:{int(m.group(2)) + offset};", text)
    temps = "".join(f"  {t}_temp_path {d}/{t};\n" for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    ssl = " ssl" if prod else ""
    certs = f"    ssl_certificate {d}/tls/backend.crt;\n    ssl_certificate_key {d}/tls/backend.key;\n" if prod else ""
    stand_ins = ""
    for s, (grpc, http) in ports.items():
        for port, h2 in ((http, ""), (grpc, " http2")):
            stand_ins += (f"  server {{\n    listen 127.0.0.1:{port + offset}{ssl}{h2};\n{certs}"
                          f"    location / {{ return 200 \"{s} $request_uri\"; }}\n  }}\n")
    head, tail = text.rsplit("}", 1)
    return head + temps + stand_ins + "}" + tail


def gateway_runtime(root, work, prod, ports):
    conf = "nginx.prod.conf" if prod else "nginx.conf"
    d = work / "gateway" / ("prod" if prod else "dev")
    for offset in (30000, 33000, 36000):
        d.mkdir(parents=True, exist_ok=True)
        (d / "nginx.conf").write_text(gateway_test_conf((root / "compose/gateway" / conf).read_text(), prod, d, offset, ports))
        log = open(d / "nginx.log", "w")
        proc = subprocess.Popen(["nginx", "-p", str(d), "-c", str(d / "nginx.conf"), "-g", "daemon off;"],
                                stdout=subprocess.DEVNULL, stderr=log)
        health = f"http://127.0.0.1:{8081 + offset}/healthz"
        for _ in range(50):
            if proc.poll() is not None or run(["curl", "-sf", health]).returncode == 0:
                break
            time.sleep(0.1)
        if proc.poll() is None:
            break
        log.close()
        if "Address already in use" not in (d / "nginx.log").read_text():
            break
    else:
        error(f"gateway test ({conf}): no free ports for a local nginx")
        return
    try:
        if proc.poll() is not None:
            error(f"gateway test ({conf}): nginx did not start: {(d / 'nginx.log').read_text().strip()}")
            return
        tls = ["--cacert", str(d / "tls/ca.crt")] if prod else []
        base = f"{'https' if prod else 'http'}://localhost"

        def call(port, path, grpc=False):
            cmd = ["curl", "-s", "-D", "-", "-o", "-", "-X", "POST", *tls, f"{base}:{port + offset}{path}"]
            cmd += ["--http2-prior-knowledge" if not prod else "--http2", "-H", "content-type: application/grpc"] if grpc \
                else ["-H", "content-type: application/json", "-d", "{}"]
            r = run(cmd)
            return r.stdout if r.returncode == 0 else f"curl failed ({r.returncode}): {r.stderr.strip()}"

        for s in ports:
            for port, path, grpc in ((8080, f"/v1/api/{s}/Probe", False), (9080, f"/mallbots.{s}.v1.Probe/Call", True)):
                out = call(port, path, grpc)
                if not out.rstrip().endswith(f"{s} {path}"):
                    error(f"gateway test ({conf}): {path} on {port} did not reach {s}: {out.strip()[-300:]}")
            out = call(8080, f"/openapi/{s}.json")
            if not out.rstrip().endswith(f"{s} /openapi.json"):
                error(f"gateway test ({conf}): /openapi/{s}.json did not reach {s}'s /openapi.json: {out.strip()[-300:]}")
        for path in ("/v1/api/unknown/Probe", "/metrics", "/readiness"):
            if not re.match(r"HTTP/[\d.]+ 404", call(8080, path)):
                error(f"gateway test ({conf}): {path} on 8080 is not a 404")
        if not re.search(r"^grpc-status: 12", call(9080, "/mallbots.unknown.v1.Probe/Call", True), re.M | re.I):
            error(f"gateway test ({conf}): an unknown gRPC service is not answered UNIMPLEMENTED (grpc-status 12)")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def gateway(root, work):
    """Routes of both configs, nginx -t on each, then each one run on a local nginx against stand-ins."""
    ports = dict(PORTS)
    gateway_routes(root, ports)
    tls = work / "gateway/tls"
    if not make_certs(tls):
        return report()
    for conf in ("nginx.conf", "nginx.prod.conf"):
        test = work / "gateway" / f"syntax-{conf}"
        test.write_text((root / "compose/gateway" / conf).read_text().replace("/etc/nginx/tls", str(tls)))
        r = run(["nginx", "-t", "-q", "-c", str(test)])
        if r.returncode:
            error(f"nginx -t compose/gateway/{conf}: {r.stderr.strip()}")
    for prod in (False, True):
        d = work / "gateway" / ("prod" if prod else "dev")
        (d / "tls").mkdir(parents=True, exist_ok=True)
        for f in tls.glob("*"):
            (d / "tls" / f.name).write_bytes(f.read_bytes())
        gateway_runtime(root, work, prod, ports)
    return report()


def report():
    for e in errors:
        print("  - " + e, file=sys.stderr)
    return 1 if errors else 0


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

    check_compose(root, work, app_env, ports, endpoints_ok)

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

    # One init script: the chart's, which compose mounts too.
    if "../deploy/k8s/mallbots/files/init-databases.sh:" not in (root / "compose/docker-compose.yml").read_text():
        error("compose/docker-compose.yml must mount deploy/k8s/mallbots/files/init-databases.sh")

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
        # In Kubernetes the services call each other at <service>-peers, which keeps paused pods reachable.
        endpoints_ok(f"k8s: {s}", env, {t: f"{t}-peers" for t in PORTS})
    for t in PORTS:
        peers = by_kind.get("Service", {}).get(f"{t}-peers")
        if peers is None or not peers["spec"].get("publishNotReadyAddresses"):
            error(f"k8s: Service {t}-peers missing or without publishNotReadyAddresses")
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
    # Two or more pods of every service by default, kept above minAvailable by a PodDisruptionBudget on them.
    for s in PORTS:
        dep = by_kind.get("Deployment", {}).get(s)
        if dep is None:
            continue
        replicas = dep["spec"].get("replicas", 1)
        if replicas < 2:
            error(f"k8s: {s} runs {replicas} replica by default, expected 2 or more")
        pdb = by_kind.get("PodDisruptionBudget", {}).get(s)
        if pdb is None:
            error(f"k8s: PodDisruptionBudget {s} missing")
            continue
        if not 1 <= pdb["spec"].get("minAvailable", 0) < replicas:
            error(f"k8s: PodDisruptionBudget {s} minAvailable {pdb['spec'].get('minAvailable')}: expected 1 up to replicas - 1")
        if not pdb["spec"]["selector"]["matchLabels"].items() <= dep["spec"]["template"]["metadata"]["labels"].items():
            error(f"k8s: PodDisruptionBudget {s} does not select {s}'s pods")
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
    elif command == "gateway":
        sys.exit(gateway(root, pathlib.Path(sys.argv[3])))
    elif command == "check":
        sys.exit(check(root, pathlib.Path(sys.argv[3])))
    else:
        sys.exit(f"unknown command {command}")

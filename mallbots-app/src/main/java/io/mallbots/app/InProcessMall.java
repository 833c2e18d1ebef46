package io.mallbots.app;

import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.observability.Observability;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launcher's in-process API: every MallBots service in this JVM, the way {@code make run}
 * starts them ({@link ServiceCatalog}, one Vert.x), for code that wants a whole mall to drive (the
 * benchmark, {@code make bench}). PostgreSQL: the one {@code POSTGRES_HOST} names, with fresh
 * schemas {@code bench_<run>_<service>} dropped on close; otherwise an embedded one under {@code
 * home}, wiped first. Kafka: {@code KAFKA_BROKERS}, otherwise a local broker under {@code home}.
 * NATS: {@code NATS_URL}. Topics and groups live under a fresh {@code EVENT_NAMESPACE}, so a shared
 * broker sees no crosstalk. With access tokens asked for, the services run with {@code
 * AUTH_REQUIRED=true} (and the token keys of the environment, else throw-away ones made for the
 * run), as compose and Kubernetes run them. Ports: the standard ones ({@link StandardPorts}) or
 * free ones.
 *
 * <p>This class, {@link RestartableKafka} and {@link ServiceCatalog} are the launcher's public API;
 * the rest of the package is its own. Blocking: call {@link #start} and {@link #close} from a plain
 * thread, never from an event loop.
 */
public final class InProcessMall implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InProcessMall.class);

  private final String broker;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final Map<String, SocketAddress> grpc = new LinkedHashMap<>();
  private final Map<String, PostgresSettings> databases = new HashMap<>();
  private final Map<String, String> shared = new HashMap<>();
  private final Map<String, String> access = new HashMap<>();
  private final List<ServerProcess> processes = new ArrayList<>();
  private Vertx vertx;
  private CoreSettings brokerSettings;
  private String description;
  private boolean externalPostgres;
  private boolean accessTokens;

  private InProcessMall(String broker) {
    this.broker = broker;
  }

  /**
   * Starts PostgreSQL and the broker if needed, then every service.
   *
   * @param broker kafka, nats or memory
   * @param freePorts bind gRPC to free ports (and tell the services where the others are) instead
   *     of the standard ones
   * @param tokens run the services with {@code AUTH_REQUIRED=true}: every call but registering and
   *     logging in needs an access token
   * @param home where embedded servers keep their data
   * @param env the environment (POSTGRES_*, KAFKA_BROKERS, NATS_URL, AUTH_PUBLIC_KEY,
   *     AUTH_PRIVATE_KEY, SERVICE_TOKEN_KEY)
   */
  public static InProcessMall start(
      String broker, boolean freePorts, boolean tokens, Path home, Map<String, String> env)
      throws Exception {
    InProcessMall mall = new InProcessMall(broker);
    try {
      // Said outright: the services read this JVM's environment too, and what the bench was asked
      // for must win.
      mall.access.put("AUTH_REQUIRED", Boolean.toString(tokens));
      // Every shopper of the load logs in from this one machine: the per-address login limit is for
      // the wild.
      mall.access.put("LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS", "1000000");
      var keys = java.util.List.of(AuthKeys.PUBLIC_KEY, AuthKeys.PRIVATE_KEY, AuthKeys.SERVICE_KEY);
      if (keys.stream().allMatch(key -> blankToNull(env.get(key)) == null)) {
        mall.access.putAll(AuthKeys.throwAway().asSettings());
      } else {
        keys.stream()
            .filter(key -> blankToNull(env.get(key)) != null)
            .forEach(key -> mall.access.put(key, env.get(key)));
      }
      mall.startServers(home.toAbsolutePath(), freePorts, env);
      mall.startServices(freePorts);
      return mall;
    } catch (Exception e) {
      mall.close();
      throw e;
    }
  }

  private void startServers(Path home, boolean freePorts, Map<String, String> env)
      throws Exception {
    List<String> services = ServiceCatalog.names();
    processes.add(new ServerProcess("services JVM", ProcessHandle.current().pid()));
    String postgresHost = blankToNull(env.get("POSTGRES_HOST"));
    String pgText;
    if (postgresHost != null) {
      externalPostgres = true;
      for (String service : services) {
        databases.put(
            service,
            new PostgresSettings(
                postgresHost,
                postgresPort(env),
                env.getOrDefault("POSTGRES_DB_NAME", "mallbots"),
                env.getOrDefault("POSTGRES_USER", "mallbots"),
                env.getOrDefault("POSTGRES_PASSWORD", "mallbots"),
                "bench_" + runId + "_" + service,
                Integer.parseInt(env.getOrDefault("POSTGRES_POOL_SIZE", "4"))));
      }
      pgText = "PostgreSQL at " + postgresHost + ":" + postgresPort(env);
    } else {
      deleteRecursively(home.resolve("postgres"));
      int port = freePorts ? freePort() : StandardPorts.EMBEDDED_POSTGRES;
      LocalPostgres postgres = new LocalPostgres(home.resolve("postgres"), port);
      owned.add(postgres.start(services));
      for (String service : services) {
        databases.put(
            service,
            new PostgresSettings(
                "127.0.0.1",
                port,
                service,
                LocalPostgres.USER,
                LocalPostgres.USER,
                service,
                Integer.parseInt(env.getOrDefault("POSTGRES_POOL_SIZE", "4"))));
      }
      postmasterPid(port)
          .ifPresent(pid -> processes.add(new ServerProcess("PostgreSQL (postmaster)", pid)));
      pgText = "embedded PostgreSQL on port " + port;
    }
    shared.put("EVENT_SERVER_TYPE", broker);
    shared.put("EVENT_NAMESPACE", "bench-" + runId);
    shared.put("NOTIFIER", "log");
    String brokerText = broker;
    if (broker.equals("kafka")) {
      String brokers = blankToNull(env.get("KAFKA_BROKERS"));
      if (brokers == null) {
        LocalKafka kafka =
            new LocalKafka(
                home.resolve("kafka"), freePorts ? freePort() : StandardPorts.LOCAL_KAFKA);
        owned.add(kafka.start());
        brokers = kafka.bootstrapServers();
        ProcessHandle.current()
            .children()
            .forEach(
                child ->
                    child
                        .info()
                        .commandLine()
                        .filter(line -> line.contains("kafka.Kafka"))
                        .ifPresent(
                            line -> processes.add(new ServerProcess("Kafka broker", child.pid()))));
      }
      shared.put("KAFKA_BROKERS", brokers);
      brokerText = "Kafka at " + brokers;
    } else if (broker.equals("nats")) {
      shared.put("NATS_URL", env.getOrDefault("NATS_URL", StandardPorts.natsUrl()));
      brokerText = "NATS JetStream at " + shared.get("NATS_URL");
    } else {
      brokerText = "in-JVM broker";
    }
    Map<String, String> streamSettings = new HashMap<>(shared);
    brokerSettings = CoreSettings.from(Settings.of("bench", streamSettings));
    description =
        "in-process: "
            + services.size()
            + " services in one JVM ("
            + String.join(", ", services)
            + "), "
            + pgText
            + ", "
            + brokerText
            + ", EVENT_NAMESPACE="
            + shared.get("EVENT_NAMESPACE");
  }

  private void startServices(boolean freePorts) throws Exception {
    List<String> services = ServiceCatalog.names();
    Map<String, Integer> ports = new HashMap<>();
    for (String service : services) {
      ports.put(service, freePorts ? freePort() : StandardPorts.grpc().getOrDefault(service, 0));
    }
    vertx = Observability.vertx(new VertxOptions(), "mallbots", null);
    for (String service : services) {
      Map<String, String> overrides = new HashMap<>(shared);
      overrides.putAll(access);
      PostgresSettings db = databases.get(service);
      overrides.putAll(
          Map.of(
              "POSTGRES_HOST",
              db.host(),
              "POSTGRES_PORT",
              Integer.toString(db.port()),
              "POSTGRES_DB_NAME",
              db.database(),
              "POSTGRES_USER",
              db.user(),
              "POSTGRES_PASSWORD",
              db.password(),
              "POSTGRES_SCHEMA",
              db.schema()));
      overrides.put("GRPC_SERVER_HOST", "127.0.0.1");
      overrides.put("GRPC_SERVER_PORT", Integer.toString(ports.get(service)));
      overrides.put("HTTP_SERVER_HOST", "127.0.0.1");
      overrides.put("HTTP_SERVER_PORT", "0");
      if (freePorts) {
        // Where the others are, under the settings' naming convention (e.g. USERS_GRPC_ENDPOINT).
        ports.forEach(
            (other, port) ->
                overrides.put(
                    other.toUpperCase(Locale.ROOT) + "_GRPC_ENDPOINT", "127.0.0.1:" + port));
      }
      ServiceVerticle<?> verticle = ServiceCatalog.create(service, overrides);
      vertx.deployVerticle(verticle).await(180, TimeUnit.SECONDS);
      grpc.put(service, SocketAddress.inetSocketAddress(verticle.agent().grpcPort(), "127.0.0.1"));
      // What the service itself made of its settings decides, not what was asked for.
      accessTokens |= verticle.agent().settings().auth().required();
    }
    if (accessTokens) {
      description += ", access tokens required";
    }
    log.info("system under test ready: {}", description);
  }

  /** The gRPC address of {@code service}; a service this launcher does not run fails. */
  public SocketAddress grpc(String service) {
    SocketAddress address = grpc.get(service);
    if (address == null) {
      throw new IllegalStateException(
          "the launcher runs no '" + service + "' service (it runs " + grpc.keySet() + ")");
    }
    return address;
  }

  /**
   * Settings naming the services' broker and {@code EVENT_NAMESPACE}, for an event stream of the
   * caller's own.
   */
  public CoreSettings brokerSettings() {
    return brokerSettings;
  }

  /** The database {@code service} uses (any service's, for a name it does not run). */
  public PostgresSettings database(String service) {
    return databases.getOrDefault(service, databases.values().iterator().next());
  }

  /** This JVM and the servers it started, for CPU and memory readings. */
  public List<ServerProcess> processes() {
    return List.copyOf(processes);
  }

  /** What runs, in a sentence: services, database, broker, namespace, access tokens. */
  public String description() {
    return description;
  }

  /** Whether the services, as they read their settings, take only callers with an access token. */
  public boolean requiresAccessTokens() {
    return accessTokens;
  }

  /** The services this launcher runs. */
  public static List<String> services() {
    return ServiceCatalog.names();
  }

  /**
   * Stops the services but keeps PostgreSQL and the broker (for work that wants the machine to
   * itself).
   */
  public void stopServices() {
    if (vertx != null) {
      try {
        vertx.close().await(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("services did not stop cleanly: {}", e.toString());
      }
      vertx = null;
    }
  }

  /**
   * Stops the services, drops the run's schemas of an external PostgreSQL, stops the servers it
   * started.
   */
  @Override
  public void close() {
    stopServices();
    if (externalPostgres) {
      databases.values().forEach(Migrations::dropSchema);
    }
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        log.warn("could not stop {}: {}", owned.get(i).getClass().getSimpleName(), e.toString());
      }
    }
  }

  private static java.util.Optional<Long> postmasterPid(int port) {
    return ProcessHandle.current()
        .descendants()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(line -> line.contains("postgres") && line.contains(Integer.toString(port)))
                    .orElse(false))
        .map(ProcessHandle::pid)
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static int postgresPort(Map<String, String> env) {
    return Integer.parseInt(
        env.getOrDefault("POSTGRES_PORT", Integer.toString(StandardPorts.POSTGRES)));
  }

  /** One process of the running mall: its role (e.g. "Kafka broker") and pid. */
  public record ServerProcess(String role, long pid) {}

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}

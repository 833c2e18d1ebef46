package io.mallbots.bench.stack;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.rpc.RpcClients;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service as separate JVMs ({@link ServiceProcesses}, as {@code make run-services} and the
 * chaos run start them), {@code instances} JVMs of each, against the PostgreSQL and broker the
 * environment names ({@code POSTGRES_*}, {@code KAFKA_BROKERS} / {@code NATS_URL}, else the
 * standard local ports {@code make env-up} serves), with fresh schemas {@code
 * bench_<run>_<service>} (dropped on close) and a fresh {@code EVENT_NAMESPACE}, as the in-process
 * target has. Each JVM runs with the options given ({@code make bench}: {@code -Xmx256m}, the JVM's
 * own choice of GC and compiler otherwise, as the in-process bench has). Each service's instances
 * share one database connection budget: a pool of {@code POSTGRES_POOL_SIZE} (default 4) split over
 * them, so a second instance adds processes, not connections (and 14 JVMs stay within a shared
 * PostgreSQL's max_connections). Blocking: start and close from a plain thread.
 */
public final class ServiceJvmsMall implements MallUnderTest {

  private static final Logger log = LoggerFactory.getLogger(ServiceJvmsMall.class);

  private final ServiceProcesses services;
  private final Map<String, PostgresSettings> databases;
  private final CoreSettings brokerSettings;
  private final boolean accessTokens;
  private final int instances;
  private final List<String> jvmOptions;
  private final String description;

  private ServiceJvmsMall(
      ServiceProcesses services,
      Map<String, PostgresSettings> databases,
      CoreSettings brokerSettings,
      boolean accessTokens,
      int instances,
      List<String> jvmOptions,
      String description) {
    this.services = services;
    this.databases = databases;
    this.brokerSettings = brokerSettings;
    this.accessTokens = accessTokens;
    this.instances = instances;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.description = description;
  }

  /**
   * Starts {@code instances} JVMs of every service and waits until each is ready.
   *
   * @param broker kafka or nats (an in-JVM broker cannot join separate JVMs)
   * @param jvmOptions the options of every service JVM (heap, GC, compiler)
   * @param tokens run the services with {@code AUTH_REQUIRED=true}
   * @param home where the services' logs go ({@code logs-<run>/<instance>.log})
   */
  public static ServiceJvmsMall start(
      String broker,
      int instances,
      List<String> jvmOptions,
      boolean tokens,
      Path home,
      Map<String, String> env)
      throws Exception {
    if (!broker.equals("kafka") && !broker.equals("nats")) {
      throw new IllegalArgumentException("separate service JVMs need kafka or nats, not " + broker);
    }
    String runId = UUID.randomUUID().toString().substring(0, 8);
    int totalPool = Integer.parseInt(env.getOrDefault("POSTGRES_POOL_SIZE", "4"));
    int pool = Math.max(1, (totalPool + instances - 1) / instances);
    Map<String, String> shared = new HashMap<>();
    shared.put("EVENT_SERVER_TYPE", broker);
    shared.put("EVENT_NAMESPACE", "bench-" + runId);
    shared.put("NOTIFIER", "log");
    shared.put("OTEL_EXPORTER_OTLP_ENDPOINT", "");
    String brokerText;
    if (broker.equals("kafka")) {
      shared.put("KAFKA_BROKERS", orDefault(env, "KAFKA_BROKERS", StandardPorts.kafkaBrokers()));
      brokerText = "Kafka at " + shared.get("KAFKA_BROKERS");
    } else {
      shared.put("NATS_URL", orDefault(env, "NATS_URL", StandardPorts.natsUrl()));
      brokerText = "NATS JetStream at " + shared.get("NATS_URL");
    }
    // The bench's own view of the broker, without the token keys it has no use for.
    CoreSettings brokerSettings = CoreSettings.from(Settings.of("bench", shared));
    Map<String, PostgresSettings> databases = new LinkedHashMap<>();
    Map<String, Map<String, String>> own = new HashMap<>();
    Map<String, String> access = ServiceAccess.settings(env, tokens);
    for (String service : ServiceProcesses.MAINS.keySet()) {
      PostgresSettings db =
          new PostgresSettings(
              orDefault(env, "POSTGRES_HOST", "127.0.0.1"),
              Integer.parseInt(
                  orDefault(env, "POSTGRES_PORT", Integer.toString(StandardPorts.POSTGRES))),
              orDefault(env, "POSTGRES_DB_NAME", "mallbots"),
              orDefault(env, "POSTGRES_USER", "mallbots"),
              orDefault(env, "POSTGRES_PASSWORD", "mallbots"),
              "bench_" + runId + "_" + service,
              pool);
      databases.put(service, db);
      Map<String, String> settings = new HashMap<>(access);
      settings.putAll(
          Map.of(
              "POSTGRES_HOST", db.host(),
              "POSTGRES_PORT", Integer.toString(db.port()),
              "POSTGRES_DB_NAME", db.database(),
              "POSTGRES_USER", db.user(),
              "POSTGRES_PASSWORD", db.password(),
              "POSTGRES_SCHEMA", db.schema(),
              "POSTGRES_POOL_SIZE", Integer.toString(pool)));
      own.put(service, settings);
    }
    ServiceProcesses services =
        new ServiceProcesses(
            home.toAbsolutePath().resolve("logs-" + runId),
            shared,
            own,
            service -> instances,
            jvmOptions);
    ServiceJvmsMall mall =
        new ServiceJvmsMall(
            services,
            databases,
            brokerSettings,
            tokens,
            instances,
            jvmOptions,
            "separate JVMs: "
                + services.instances().size()
                + " service JVMs ("
                + instances
                + " of each of "
                + services.names().size()
                + " services, "
                + String.join(" ", jvmOptions)
                + " each, database pool "
                + pool
                + " each), PostgreSQL at "
                + databases.get("users").host()
                + ":"
                + databases.get("users").port()
                + " schemas bench_"
                + runId
                + "_<service>, "
                + brokerText
                + ", EVENT_NAMESPACE="
                + shared.get("EVENT_NAMESPACE")
                + (tokens ? ", access tokens required" : ""));
    try {
      long starting = System.nanoTime();
      // One instance of every service at a time: fourteen JVMs compiling side by side on two cores
      // took over three minutes to get ready; seven at a time take well under one.
      for (int n = 0; n < instances; n++) {
        int wave = n;
        services.startTogether(
            services.names().stream().map(name -> services.instancesOf(name).get(wave)).toList());
      }
      log.info(
          "{} service JVMs ready in {} s; logs in {}",
          services.instances().size(),
          (System.nanoTime() - starting) / 1_000_000_000,
          home.toAbsolutePath().resolve("logs-" + runId));
      return mall;
    } catch (Exception e) {
      mall.close();
      throw e;
    }
  }

  /** Every instance of {@code service}: the shoppers' calls spread over them. */
  @Override
  public SocketAddress grpc(String service) {
    if (!ServiceProcesses.MAINS.containsKey(service)) {
      throw new IllegalStateException("no '" + service + "' service among " + services.names());
    }
    return RpcClients.address(service, services.endpoints(service));
  }

  @Override
  public CoreSettings brokerSettings() {
    return brokerSettings;
  }

  @Override
  public PostgresSettings database(String service) {
    return databases.getOrDefault(service, databases.get("users"));
  }

  @Override
  public List<SystemProcess> processes() {
    return services.pids().stream().map(pid -> new SystemProcess("service JVM", pid)).toList();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean requiresAccessTokens() {
    return accessTokens;
  }

  @Override
  public Deployment deployment() {
    return new Deployment("processes", instances, services.instances().size(), jvmOptions);
  }

  /** Stops every service JVM (SIGTERM: each drains); PostgreSQL and the broker stay. */
  @Override
  public void stopServices() {
    try {
      services.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the service JVMs and drops the run's schemas. */
  @Override
  public void close() {
    stopServices();
    databases.values().forEach(Migrations::dropSchema);
  }

  private static String orDefault(Map<String, String> env, String key, String fallback) {
    String value = env.get(key);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}

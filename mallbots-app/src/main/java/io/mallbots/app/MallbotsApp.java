package io.mallbots.app;

import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.config.Settings;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.observability.Observability;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code make run}: any subset of the services ({@code SERVICES=baskets,ordering}, default all) in
 * one JVM. With no {@code POSTGRES_HOST} it starts an embedded PostgreSQL, with {@code
 * EVENT_SERVER_TYPE=kafka} (the default) and no {@code KAFKA_BROKERS} a local Kafka broker as a
 * child process; their data stays under {@code MALLBOTS_HOME} (default {@code target/mallbots-run})
 * between runs unless {@code MALLBOTS_CLEAN=true}. Ctrl-C or SIGTERM drains the services, then
 * stops what it started; after a SIGKILL the broker exits by itself and the next run stops the
 * PostgreSQL left behind.
 */
public final class MallbotsApp {

  private static final Logger log = LoggerFactory.getLogger(MallbotsApp.class);

  private MallbotsApp() {}

  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    Settings env = Settings.of("app", System.getenv());
    List<String> services = ServiceCatalog.select(env.string("SERVICES", "all"));
    Path home = Path.of(env.string("MALLBOTS_HOME", "target/mallbots-run")).toAbsolutePath();
    List<AutoCloseable> owned = new ArrayList<>();
    claimHome(home, env.bool("MALLBOTS_CLEAN", false), owned);
    Map<String, String> shared = new HashMap<>();

    if (env.string("POSTGRES_HOST", null) == null) {
      LocalPostgres postgres =
          new LocalPostgres(
              home.resolve("postgres"),
              FreePort.require(
                  env.integer("MALLBOTS_POSTGRES_PORT", StandardPorts.EMBEDDED_POSTGRES),
                  "PostgreSQL",
                  "MALLBOTS_POSTGRES_PORT"));
      owned.add(postgres.start(services));
      shared.putAll(
          Map.of(
              "POSTGRES_HOST",
              "127.0.0.1",
              "POSTGRES_PORT",
              Integer.toString(postgres.port()),
              "POSTGRES_USER",
              LocalPostgres.USER,
              "POSTGRES_PASSWORD",
              LocalPostgres.USER));
    }
    String broker = env.string("EVENT_SERVER_TYPE", "kafka");
    shared.put("EVENT_SERVER_TYPE", broker);
    if (broker.equalsIgnoreCase("kafka") && env.string("KAFKA_BROKERS", null) == null) {
      LocalKafka kafka =
          new LocalKafka(
              home.resolve("kafka"),
              FreePort.require(
                  env.integer("MALLBOTS_KAFKA_PORT", StandardPorts.LOCAL_KAFKA),
                  "Kafka broker",
                  "MALLBOTS_KAFKA_PORT"));
      owned.add(kafka.start());
      shared.put("KAFKA_BROKERS", kafka.bootstrapServers());
    }

    boolean throwAwayKeys =
        env.string(AuthKeys.PUBLIC_KEY, null) == null
            && env.string(AuthKeys.PRIVATE_KEY, null) == null
            && env.string(AuthKeys.SERVICE_KEY, null) == null;
    if (throwAwayKeys) {
      // One set for all the services of this JVM, so their tokens check out everywhere; gone with
      // the run.
      shared.putAll(AuthKeys.throwAway().asSettings());
    }

    Vertx vertx =
        Observability.vertx(
            new VertxOptions(), "mallbots", env.string("OTEL_EXPORTER_OTLP_ENDPOINT", null));
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> shutdown(vertx, owned), "mallbots-shutdown"));
    List<ServiceVerticle<?>> running = new ArrayList<>();
    for (String service : services) {
      Map<String, String> overrides = new HashMap<>(shared);
      if (shared.containsKey("POSTGRES_HOST")) {
        overrides.put("POSTGRES_DB_NAME", service);
      }
      ServiceVerticle<?> verticle = ServiceCatalog.create(service, overrides);
      try {
        vertx.deployVerticle(verticle).await(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.error("{} could not start: {}", service, e.toString(), e);
        System.exit(1);
      }
      running.add(verticle);
    }
    printBanner(running, broker, shared, throwAwayKeys, (System.nanoTime() - started) / 1_000_000);
  }

  private static void printBanner(
      List<ServiceVerticle<?>> running,
      String broker,
      Map<String, String> shared,
      boolean throwAwayKeys,
      long millis) {
    StringBuilder banner = new StringBuilder("\n  MallBots\n\n");
    banner.append(
        String.format(
            "  %-14s %-8s %-8s %-11s %s%n", "service", "gRPC", "HTTP", "management", "Swagger UI"));
    for (ServiceVerticle<?> verticle : running) {
      int http = verticle.agent().httpPort();
      banner.append(
          String.format(
              "  %-14s %-8d %-8d %-11d http://localhost:%d/swagger/%n",
              verticle.service(),
              verticle.agent().grpcPort(),
              http,
              verticle.agent().managementPort(),
              http));
    }
    banner.append(
        String.format(
            "%n  broker: %s%s   database: %s%n",
            broker,
            shared.containsKey("KAFKA_BROKERS")
                ? " (local broker " + shared.get("KAFKA_BROKERS") + ")"
                : "",
            shared.containsKey("POSTGRES_HOST")
                ? "embedded PostgreSQL on port " + shared.get("POSTGRES_PORT")
                : "PostgreSQL from POSTGRES_*"));
    banner.append(
        "  metrics: /metrics, health: /liveness and /readiness, dead letters: /dead-letters on every"
            + " management port\n");
    boolean tokens =
        running.stream().allMatch(verticle -> verticle.agent().settings().auth().required());
    boolean tls =
        running.stream().allMatch(verticle -> verticle.agent().settings().serverTls().enabled());
    banner.append(
        tokens
            ? "  access tokens required (AUTH_REQUIRED=true): log in with users.Login first"
            : "  dev mode: no access token required (AUTH_REQUIRED=false)");
    banner.append(tls ? ", TLS on gRPC and HTTP\n" : ", plain-text gRPC and HTTP\n");
    if (throwAwayKeys) {
      banner.append(
          "  token keys: a throw-away key pair generated for this run (tokens die with it);"
              + " set AUTH_PRIVATE_KEY, AUTH_PUBLIC_KEY and SERVICE_TOKEN_KEY to keep keys of your own\n");
    }
    System.out.println(banner);
    System.out.printf("MallBots ready: %d services in %.1f s%n", running.size(), millis / 1000.0);
  }

  private static void shutdown(Vertx vertx, List<AutoCloseable> owned) {
    log.info("stopping: draining in-flight work");
    try {
      vertx.close().await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("services did not stop cleanly: {}", e.toString());
    }
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception e) {
        log.warn("could not stop {}: {}", owned.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    log.info("stopped");
  }

  /**
   * kill -9 skips the shutdown hook: the servers of a launcher killed so may still run on {@code
   * home} (the embedded postgres always does), holding its ports and data. Stops them unless their
   * launcher still lives; a live one keeps them, and the port checks then refuse this run as
   * before.
   */
  private static void claimHome(Path home, boolean clean, List<AutoCloseable> owned)
      throws IOException {
    Path launcherPid = home.resolve("launcher.pid");
    long self = ProcessHandle.current().pid();
    var other =
        PidFile.live(launcherPid)
            .filter(launcher -> launcher.pid() != self)
            .filter(PidFile::isJava);
    if (other.isPresent()) {
      log.warn("{} belongs to the running launcher pid {}", home, other.get().pid());
      return;
    }
    LocalPostgres.stopLeftover(home.resolve("postgres"));
    LocalKafka.stopLeftover(home.resolve("kafka"));
    if (clean) {
      deleteRecursively(home);
    }
    owned.add(PidFile.write(launcherPid, ProcessHandle.current()));
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

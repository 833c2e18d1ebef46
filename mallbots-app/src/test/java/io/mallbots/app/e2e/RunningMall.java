package io.mallbots.app.e2e;

import io.mallbots.app.ServiceCatalog;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.messaging.TwiceDeliveringEventStream;
import io.mallbots.core.observability.Observability;
import io.mallbots.core.rpc.IntakeSwitch;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.core.testing.TestServices;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * All seven services in one JVM, as {@code make run} has them, on a real broker and the test
 * PostgreSQL: a schema per service, one event namespace for the run, ephemeral ports, and each
 * service told where the ones it calls listen.
 *
 * <p>A JUnit test opens a mall of its own on the Vert.x that {@code VertxExtension} injects ({@link
 * #open}). A feature run (Cucumber, jqwik, which have no JUnit extensions) or a test that reads
 * Vert.x and JVM meters or spans starts the shared one ({@link #start}) on a Vert.x built by core's
 * Observability, as production has it; its scenarios keep out of each other's way by creating their
 * own users, stores and products.
 */
public final class RunningMall implements AutoCloseable {

  private static RunningMall current;

  private final Vertx vertx;
  private final boolean closesVertx;
  private final List<String> deployments = new ArrayList<>();
  private final String broker;
  private final boolean deliverTwice;
  private final Map<String, ServiceVerticle<?>> services = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> overridesOf = new HashMap<>();
  private final Map<String, PostgresSettings> schemas = new HashMap<>();
  private final String namespace;
  private final GrpcClient grpc;
  private final AuthKeys keys;

  private RunningMall(
      Vertx vertx,
      boolean closesVertx,
      String broker,
      boolean deliverTwice,
      Map<String, String> settings) {
    this(
        vertx,
        closesVertx,
        broker,
        deliverTwice,
        settings,
        null,
        "e2e-" + UUID.randomUUID().toString().substring(0, 8),
        AuthKeys.throwAway());
  }

  /** {@code given}: the schemas of a mall restarted, or null for fresh ones. */
  private RunningMall(
      Vertx vertx,
      boolean closesVertx,
      String broker,
      boolean deliverTwice,
      Map<String, String> settings,
      Map<String, PostgresSettings> given,
      String namespace,
      AuthKeys keys) {
    this.vertx = vertx;
    this.closesVertx = closesVertx;
    this.broker = broker;
    this.deliverTwice = deliverTwice;
    this.namespace = namespace;
    this.keys = keys;
    Map<String, String> endpoints = new HashMap<>();
    for (String name : ServiceCatalog.names()) {
      PostgresSettings schema =
          given == null ? TestDatabases.freshSchema("e2e_" + name) : given.get(name);
      schemas.put(name, schema);
      Map<String, String> overrides = new HashMap<>(TestServices.overrides(schema, broker));
      overrides.put("EVENT_NAMESPACE", namespace);
      // One key set for the mall, as make run has it: tokens users signs check out at every
      // service.
      overrides.putAll(keys.asSettings());
      overrides.putAll(settings);
      overrides.putAll(endpoints);
      ServiceVerticle<?> verticle = ServiceCatalog.create(name, overrides);
      if (deliverTwice) {
        verticle.decorateStream(TwiceDeliveringEventStream::new);
      }
      deployments.add(vertx.deployVerticle(verticle).await());
      services.put(name, verticle);
      overridesOf.put(name, overrides);
      endpoints.put(
          name.toUpperCase(Locale.ROOT) + "_GRPC_ENDPOINT",
          "127.0.0.1:" + verticle.agent().grpcPort());
    }
    grpc = GrpcClient.client(vertx);
  }

  /** Starts the mall for a feature run. */
  public static synchronized void start(String broker, boolean deliverTwice) {
    start(broker, deliverTwice, new SpanProcessor[0]);
  }

  /** Starts the mall with its spans also going to {@code spans} (tests of tracing). */
  public static synchronized void start(
      String broker, boolean deliverTwice, SpanProcessor... spans) {
    if (current != null) {
      throw new IllegalStateException("a mall is already running on " + current.broker);
    }
    current =
        new RunningMall(
            Observability.vertx(new VertxOptions(), "mallbots-e2e", null, spans),
            true,
            broker,
            deliverTwice,
            Map.of());
  }

  /** Stops the mall of the feature run and drops its schemas. */
  public static synchronized void stop() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  /**
   * A mall of its own on {@code vertx} (the one {@code VertxExtension} injects), every service
   * given {@code settings} on top of the test ones; close it after.
   */
  public static RunningMall open(Vertx vertx, String broker, Map<String, String> settings) {
    return new RunningMall(vertx, false, broker, false, settings);
  }

  /**
   * Stops the services, keeping their schemas and event namespace, and starts them again on {@code
   * broker} with {@code settings}: a restart as an operator does it. Close the mall returned, not
   * this one.
   */
  public RunningMall restart(String broker, Map<String, String> settings) {
    stopServices();
    return new RunningMall(vertx, closesVertx, broker, false, settings, schemas, namespace, keys);
  }

  /**
   * Stops {@code service} alone and starts it again with {@code settings} on top of its own (new
   * ports; the others keep calling the old ones, so only for a service no other one calls).
   */
  public void restartService(String service, Map<String, String> settings) {
    int index = new ArrayList<>(services.keySet()).indexOf(service);
    vertx.undeploy(deployments.get(index)).await();
    Map<String, String> overrides = new HashMap<>(overridesOf.get(service));
    overrides.putAll(settings);
    ServiceVerticle<?> verticle = ServiceCatalog.create(service, overrides);
    deployments.set(index, vertx.deployVerticle(verticle).await());
    services.put(service, verticle);
    overridesOf.put(service, overrides);
  }

  /** The event namespace of the mall's topics and groups. */
  public String namespace() {
    return namespace;
  }

  /** Stops the services (closing the Vert.x only if the mall built it) and drops their schemas. */
  @Override
  public void close() {
    stopServices();
    schemas.values().forEach(TestDatabases::drop);
  }

  private void stopServices() {
    if (closesVertx) {
      vertx.close().await();
    } else {
      grpc.close().await();
      // The last started first: a service goes before those it calls.
      for (int i = deployments.size() - 1; i >= 0; i--) {
        vertx.undeploy(deployments.get(i)).await();
      }
    }
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The mall's token keys: tests mint service and operator tokens with them. */
  public AuthKeys keys() {
    return keys;
  }

  public static RunningMall current() {
    if (current == null) {
      throw new IllegalStateException("no mall running: a runner's hooks start one");
    }
    return current;
  }

  /** The broker the mall runs on, and whether every message is delivered twice. */
  public String broker() {
    return deliverTwice ? broker + " (every message twice)" : broker;
  }

  public GrpcClient grpc() {
    return grpc;
  }

  /** Where {@code service} serves gRPC. */
  public SocketAddress address(String service) {
    return SocketAddress.inetSocketAddress(services.get(service).agent().grpcPort(), "127.0.0.1");
  }

  /** Where {@code service} serves HTTP (the JSON bridge, health, metrics). */
  /** Where {@code service}'s health, metrics and admin routes listen. */
  public int managementPort(String service) {
    return services.get(service).agent().managementPort();
  }

  /** {@code service}'s intake switch: paused for a broker swap or open. */
  public IntakeSwitch intake(String service) {
    return services.get(service).agent().intake();
  }

  public int httpPort(String service) {
    return services.get(service).agent().httpPort();
  }

  /** Rows of a query on {@code service}'s own database, as column maps. */
  public List<Map<String, Object>> query(String service, String sql, Object... parameters) {
    return queryAsync(service, sql, parameters).await();
  }

  /** As {@link #query}, without waiting: queries on several services can then run at once. */
  public Future<List<Map<String, Object>>> queryAsync(
      String service, String sql, Object... parameters) {
    return services
        .get(service)
        .agent()
        .database()
        .reads()
        .preparedQuery(sql)
        .execute(io.vertx.sqlclient.Tuple.from(parameters))
        .map(
            result -> {
              List<Map<String, Object>> rows = new ArrayList<>();
              result.forEach(
                  row -> {
                    Map<String, Object> columns = new HashMap<>();
                    for (int i = 0; i < row.size(); i++) {
                      columns.put(row.getColumnName(i), row.getValue(i));
                    }
                    rows.add(columns);
                  });
              return rows;
            });
  }
}

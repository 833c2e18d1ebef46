package io.mallbots.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One service deployed for a test class the way it runs: its verticle with the test settings
 * ({@link TestServices}: a schema of its own, ephemeral loopback ports, the chosen broker and an
 * event namespace of its own), real gRPC and HTTP clients, and an observer, a connection of the
 * test's own to the service's broker, that publishes as other services would and watches what the
 * service publishes. It can be stopped and started again on the same schema and namespace, as after
 * a restart, and have neighbours (other services on the same broker and namespace). A service's
 * harness extends it with its typed client and stand-ins.
 *
 * <p>It runs on a Vert.x of its own, or on the one {@code VertxExtension} injects (then {@link
 * #close()} undeploys and leaves closing Vert.x to the extension). Its methods block, so call them
 * from the test's thread, never from an event loop.
 */
public class RunningService<V extends ServiceVerticle> implements AutoCloseable {

  private static final Duration HANDLED_WITHIN = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final boolean closesVertx;
  private final PostgresSettings schema;
  private final Map<String, String> settings;
  private final Function<Map<String, String>, V> create;
  private final List<RunningService<?>> neighbours = new CopyOnWriteArrayList<>();
  private UnaryOperator<EventStream> streamDecorator = UnaryOperator.identity();
  private V verticle;
  private String deployment;
  private EventStream observer;
  private GrpcClient grpcClient;
  private WebClient http;

  /**
   * Prepared, not yet started: a fresh schema and the test settings for {@code eventServer} (kafka,
   * nats or memory), on {@code vertx} ({@code null} for a Vert.x of its own, closed with the
   * service). Subclasses add settings with {@link #set} and then call {@link #start()}.
   */
  protected RunningService(
      Vertx vertx,
      String schemaPrefix,
      String eventServer,
      Function<Map<String, String>, V> create) {
    this(vertx == null ? Vertx.vertx() : vertx, vertx == null, schemaPrefix, eventServer, create);
  }

  /** As above, on {@code vertx}, which {@link #close()} closes if {@code closesVertx}. */
  protected RunningService(
      Vertx vertx,
      boolean closesVertx,
      String schemaPrefix,
      String eventServer,
      Function<Map<String, String>, V> create) {
    this.vertx = vertx;
    this.closesVertx = closesVertx;
    this.schema = TestDatabases.freshSchema(schemaPrefix);
    this.settings = new HashMap<>(TestServices.overrides(schema, eventServer));
    this.create = create;
  }

  /**
   * {@code create} (e.g. {@code StoresVerticle::new}) deployed on {@code vertx} ({@code null} for a
   * Vert.x of its own) and {@code eventServer}, with {@code settings} over the test ones.
   */
  public static <V extends ServiceVerticle> RunningService<V> start(
      Vertx vertx,
      String schemaPrefix,
      String eventServer,
      Map<String, String> settings,
      Function<Map<String, String>, V> create) {
    RunningService<V> service = new RunningService<>(vertx, schemaPrefix, eventServer, create);
    service.settings.putAll(settings);
    service.start();
    return service;
  }

  /** Sets a setting of the instances started from now on. */
  protected final void set(String key, String value) {
    settings.put(key, value);
  }

  /** Sets {@code more} over the settings of the instances started from now on. */
  protected final void setAll(Map<String, String> more) {
    settings.putAll(more);
  }

  /** A setting the service runs with, e.g. {@code EVENT_NAMESPACE}. */
  public final String setting(String key) {
    return settings.get(key);
  }

  /**
   * The instances started from now on see their event stream through {@code decorator} (fault
   * injection).
   */
  public final RunningService<V> decorateStream(UnaryOperator<EventStream> decorator) {
    this.streamDecorator = decorator;
    return this;
  }

  /**
   * Deploys a new instance of the service on the same schema and namespace, and waits until it
   * listens.
   */
  public final void start() {
    V started = create.apply(Map.copyOf(settings));
    started.decorateStream(streamDecorator);
    deployment = vertx.deployVerticle(started).await();
    verticle = started;
  }

  /**
   * Undeploys the service, as a crash or a rolling restart would; the schema and the broker keep
   * everything.
   */
  public final void stop() {
    vertx.undeploy(deployment).await();
    deployment = null;
  }

  /**
   * Another service ({@code create}, e.g. the real payments) in this Vert.x, on the same broker,
   * namespace and {@code MESSAGE_MAX_ATTEMPTS}, with a schema of its own; started at once, closed
   * with this one.
   */
  public final <N extends ServiceVerticle> RunningService<N> neighbour(
      String schemaPrefix, Function<Map<String, String>, N> create) {
    RunningService<N> neighbour =
        new RunningService<>(vertx, false, schemaPrefix, setting("EVENT_SERVER_TYPE"), create);
    neighbour.set("EVENT_NAMESPACE", setting("EVENT_NAMESPACE"));
    if (setting("MESSAGE_MAX_ATTEMPTS") != null) {
      neighbour.set("MESSAGE_MAX_ATTEMPTS", setting("MESSAGE_MAX_ATTEMPTS"));
    }
    neighbours.add(neighbour);
    neighbour.start();
    return neighbour;
  }

  public final Vertx vertx() {
    return vertx;
  }

  /** The running instance (its agent has the ports, database and settings). */
  public final V verticle() {
    return verticle;
  }

  /** The running instance's database (its pool on the service's schema). */
  public final Database database() {
    return verticle.agent().database();
  }

  /** Where the running instance serves gRPC. */
  public final SocketAddress grpcAddress() {
    return SocketAddress.inetSocketAddress(verticle.agent().grpcPort(), "127.0.0.1");
  }

  /**
   * A gRPC client for the generated stubs, e.g. {@code FooServiceGrpcClient.create(grpcClient(),
   * grpcAddress())}.
   */
  public final synchronized GrpcClient grpcClient() {
    if (grpcClient == null) {
      grpcClient = GrpcClient.client(vertx);
    }
    return grpcClient;
  }

  /** {@code POST /v1/api/<service>/<rpc>} on the JSON bridge with {@code json} as the body. */
  public final HttpResponse<Buffer> post(String rpc, String json) {
    return http()
        .post(verticle.agent().httpPort(), "127.0.0.1", "/v1/api/" + verticle.service() + "/" + rpc)
        .putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(json))
        .await();
  }

  /** {@code GET path} on the service's HTTP port. */
  public final HttpResponse<Buffer> get(String path) {
    return http().get(verticle.agent().httpPort(), "127.0.0.1", path).send().await();
  }

  /** A web client on this Vert.x. */
  public final synchronized WebClient http() {
    if (http == null) {
      http = WebClient.create(vertx);
    }
    return http;
  }

  /** Publishes on the service's broker, as another service would. */
  public final void publish(Message message) {
    observer().publish(message).await();
  }

  /**
   * Publishes each event and waits until the service has taken it in (inbox record, effect
   * included).
   */
  public final void handled(Message... events) {
    for (Message event : events) {
      publish(event);
      await().atMost(HANDLED_WITHIN).until(() -> taken(event));
    }
  }

  /** Whether the service's inbox has {@code event}: handled, and acknowledged. */
  public final boolean taken(Message event) {
    return number("SELECT count(*) FROM inbox WHERE message_id = '" + event.id() + "'") >= 1;
  }

  /**
   * What is published on {@code topic} of the service's broker from now on, seen by a group of its
   * own.
   */
  public final List<Message> watch(String topic) {
    return watch(topic, new CopyOnWriteArrayList<>());
  }

  /**
   * Adds what is published on {@code topic} from now on to {@code seen} (thread-safe), in order of
   * arrival.
   */
  public final List<Message> watch(String topic, List<Message> seen) {
    observer()
        .subscribe(
            topic,
            "test-" + UUID.randomUUID(),
            message -> {
              seen.add(message);
              return Future.succeededFuture();
            })
        .await();
    return seen;
  }

  /** The observer's stream (undecorated), e.g. for stand-ins that answer the service's commands. */
  public final synchronized EventStream observer() {
    if (observer == null) {
      observer = EventStreams.connect(vertx, verticle.agent().settings()).await();
    }
    return observer;
  }

  /** A single number from the service's schema, e.g. a count. */
  public final long number(String sql) {
    return database().pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  /**
   * Asserts that the gRPC call fails with {@code status} (the generated client sees no message).
   */
  public static void failsWith(GrpcStatus status, Supplier<Future<?>> call) {
    assertThatThrownBy(() -> call.get().await())
        .isInstanceOfSatisfying(
            InvalidStatusException.class, e -> assertThat(e.actualStatus()).isEqualTo(status));
  }

  /**
   * Undeploys the service and its neighbours, closes its own Vert.x if it has one, and drops the
   * schemas.
   */
  @Override
  public void close() {
    if (observer != null) {
      observer.close().await();
    }
    neighbours.forEach(RunningService::close);
    if (closesVertx) {
      vertx.close().await();
    } else if (deployment != null) {
      vertx.undeploy(deployment).await();
    }
    TestDatabases.drop(schema);
  }
}

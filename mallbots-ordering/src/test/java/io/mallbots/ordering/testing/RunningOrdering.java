package io.mallbots.ordering.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.core.testing.TestServices;
import io.mallbots.ordering.agent.OrderingVerticle;
import io.mallbots.ordering.v1.GetOrderRequest;
import io.mallbots.ordering.v1.Order;
import io.mallbots.ordering.v1.OrderStatus;
import io.mallbots.ordering.v1.OrderingServiceGrpcClient;
import io.mallbots.payments.v1.InvoicePaid;
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

/**
 * The ordering service deployed for a test class, the way it runs: its own schema, ephemeral ports, the chosen
 * broker (the in-JVM one by default), real gRPC and HTTP clients, and an observer on its broker that publishes
 * as baskets, users and payments would and watches what ordering publishes. It can be stopped and started
 * again on the same schema and namespace, as after a restart. {@link #close()} undeploys it and drops the schema.
 */
public final class RunningOrdering implements AutoCloseable {

  /** The step timeout the service runs with here. */
  public static final Duration SAGA_STEP_TIMEOUT = Duration.ofSeconds(3);

  private final PostgresSettings database;
  private final Map<String, String> overrides;
  private final Vertx vertx = Vertx.vertx();
  private final WebClient http = WebClient.create(vertx);
  private final List<Neighbour> neighbours = new CopyOnWriteArrayList<>();
  private OrderingVerticle verticle;
  private String deployment;
  private OrderingServiceGrpcClient grpc;
  private EventStream observer;

  private RunningOrdering(PostgresSettings database, Map<String, String> overrides) {
    this.database = database;
    this.overrides = overrides;
    deploy();
  }

  /** On the in-JVM broker. */
  public static RunningOrdering start(String schemaPrefix) {
    return start(schemaPrefix, "memory");
  }

  /** On {@code eventServer}: kafka, nats or memory. */
  public static RunningOrdering start(String schemaPrefix, String eventServer) {
    PostgresSettings database = TestDatabases.freshSchema(schemaPrefix);
    var overrides = new HashMap<>(TestServices.overrides(database, eventServer));
    overrides.put("MESSAGE_MAX_ATTEMPTS", "3");
    overrides.put("ORDER_SNAPSHOT_EVERY", "2");
    // Short, so that a step whose reply never comes is given up within a test's wait, yet long enough that a
    // restart of the service or a broker's rebalance does not count as a lost reply.
    overrides.put("SAGA_STEP_TIMEOUT", SAGA_STEP_TIMEOUT.toMillis() + "ms");
    overrides.put("SAGA_STEP_RETRIES", "2");
    return new RunningOrdering(database, overrides);
  }

  private void deploy() {
    verticle = new OrderingVerticle(overrides);
    deployment = vertx.deployVerticle(verticle).await();
    grpc = OrderingServiceGrpcClient.create(GrpcClient.client(vertx),
        SocketAddress.inetSocketAddress(verticle.agent().grpcPort(), "127.0.0.1"));
  }

  /** Undeploys the service, as a crash or a rolling restart would; the schema and the broker keep everything. */
  public void stopService() {
    vertx.undeploy(deployment).await();
  }

  /** A new instance of the service on the same schema and event namespace. */
  public void startAgain() {
    deploy();
  }

  /**
   * Another service (e.g. the real payments) in this JVM, on the same broker and event namespace, with a schema of
   * its own; started at once. {@link #close()} takes it down with ordering.
   */
  public Neighbour neighbour(String schemaPrefix, Function<Map<String, String>, ServiceVerticle> create) {
    PostgresSettings schema = TestDatabases.freshSchema(schemaPrefix);
    var settings = new HashMap<>(TestServices.overrides(schema, overrides.get("EVENT_SERVER_TYPE")));
    settings.put("EVENT_NAMESPACE", overrides.get("EVENT_NAMESPACE"));
    settings.put("MESSAGE_MAX_ATTEMPTS", overrides.get("MESSAGE_MAX_ATTEMPTS"));
    Neighbour neighbour = new Neighbour(schema, () -> create.apply(settings));
    neighbours.add(neighbour);
    neighbour.start();
    return neighbour;
  }

  /** A service deployed next to ordering; it can be stopped and started again on the same schema. */
  public final class Neighbour {

    private final PostgresSettings schema;
    private final Supplier<ServiceVerticle> create;
    private ServiceVerticle running;
    private String deployment;

    private Neighbour(PostgresSettings schema, Supplier<ServiceVerticle> create) {
      this.schema = schema;
      this.create = create;
    }

    /** Deploys a new instance of the service. */
    public void start() {
      running = create.get();
      deployment = vertx.deployVerticle(running).await();
    }

    /** Undeploys it, as a crash would; its schema and the broker keep everything. */
    public void stop() {
      vertx.undeploy(deployment).await();
    }

    /** The gRPC port of the running instance. */
    public SocketAddress grpcAddress() {
      return SocketAddress.inetSocketAddress(running.agent().grpcPort(), "127.0.0.1");
    }

    public GrpcClient grpcClient() {
      return GrpcClient.client(vertx);
    }
  }

  public OrderingServiceGrpcClient grpc() {
    return grpc;
  }

  /** {@code POST /v1/api/ordering/<rpc>} with {@code json} as the body. */
  public HttpResponse<Buffer> post(String rpc, String json) {
    return http.post(verticle.agent().httpPort(), "127.0.0.1", "/v1/api/ordering/" + rpc)
        .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(json)).await();
  }

  /** Publishes on the service's broker, as another service would. */
  public void publish(Message message) {
    observer().publish(message).await();
  }

  /** What is published on {@code topic} of the service's broker, from the start, seen by a group of its own. */
  public List<Message> watch(String topic) {
    List<Message> seen = new CopyOnWriteArrayList<>();
    observer().subscribe(topic, "test-" + UUID.randomUUID(), message -> {
      seen.add(message);
      return Future.succeededFuture();
    }).await();
    return seen;
  }

  /** The observer's stream, e.g. for stand-in responders to the saga's commands. */
  public synchronized EventStream observer() {
    if (observer == null) {
      observer = EventStreams.connect(vertx, verticle.agent().settings()).await();
    }
    return observer;
  }

  public Order order(String id) {
    return grpc.getOrder(GetOrderRequest.newBuilder().setId(id).build()).await().getOrder();
  }

  /** Waits until the order exists and has {@code status}. */
  public Order awaitStatus(String id, OrderStatus status) {
    await().atMost(Duration.ofSeconds(30)).until(() -> exists(id) && order(id).getStatus() == status);
    return order(id);
  }

  /** The id of the order made of {@code basketId}, once there is one. */
  public String orderOfBasket(String basketId) {
    String sql = "SELECT count(*) FROM basket_orders WHERE basket_id = '" + basketId + "'";
    await().atMost(Duration.ofSeconds(30)).until(() -> number(sql) == 1);
    return verticle.agent().database().pool().query("SELECT order_id FROM basket_orders WHERE basket_id = '"
        + basketId + "'").execute().await().iterator().next().getUUID("order_id").toString();
  }

  private boolean exists(String id) {
    return number("SELECT count(*) FROM orders_view WHERE id = '" + id + "'") == 1;
  }

  /** A single number from the service's schema, e.g. a count. */
  public long number(String sql) {
    return verticle.agent().database().pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  /** Payments' InvoicePaid of {@code invoice} for {@code orderId}, charged to {@code paymentId}. */
  public static Message invoicePaid(String invoice, String orderId, String paymentId, double amount) {
    return Message.create("mallbots.payments.events.Invoice", "payments.InvoicePaid", invoice,
        InvoicePaid.newBuilder().setId(invoice).setOrderId(orderId).setPaymentId(paymentId).setAmount(amount).build()
            .toByteArray());
  }

  /** Asserts that the gRPC call fails with {@code status} (the JSON bridge tests check the messages). */
  public static void failsWith(GrpcStatus status, Supplier<Future<?>> call) {
    assertThatThrownBy(() -> call.get().await()).isInstanceOfSatisfying(InvalidStatusException.class,
        e -> assertThat(e.actualStatus()).isEqualTo(status));
  }

  @Override
  public void close() {
    if (observer != null) {
      observer.close().await();
    }
    vertx.close().await();
    TestDatabases.drop(database);
    neighbours.forEach(neighbour -> TestDatabases.drop(neighbour.schema));
  }
}

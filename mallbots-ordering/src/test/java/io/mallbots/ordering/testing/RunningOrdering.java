package io.mallbots.ordering.testing;

import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.RunningService;
import io.mallbots.ordering.agent.OrderingVerticle;
import io.mallbots.ordering.v1.GetOrderRequest;
import io.mallbots.ordering.v1.Order;
import io.mallbots.ordering.v1.OrderStatus;
import io.mallbots.ordering.v1.OrderingServiceGrpcClient;
import io.mallbots.payments.v1.InvoicePaid;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The ordering service deployed for a test class ({@link RunningService}): the observer publishes
 * as baskets, users and payments would and watches what ordering publishes; it can be stopped and
 * started again, and have the real payments as a neighbour.
 */
public final class RunningOrdering extends RunningService<OrderingVerticle> {

  /** The step timeout the service runs with here. */
  public static final Duration SAGA_STEP_TIMEOUT = Duration.ofSeconds(3);

  private RunningOrdering(Vertx vertx, String schemaPrefix, String eventServer) {
    super(vertx, schemaPrefix, eventServer, OrderingVerticle::new);
    set("MESSAGE_MAX_ATTEMPTS", "3");
    set("ORDER_SNAPSHOT_EVERY", "2");
    // Short, so that a step whose reply never comes is given up within a test's wait, yet long
    // enough that a restart of the service or a broker's rebalance does not count as a lost reply.
    set("SAGA_STEP_TIMEOUT", SAGA_STEP_TIMEOUT.toMillis() + "ms");
    set("SAGA_STEP_RETRIES", "2");
  }

  /** On the in-JVM broker, on a Vert.x of its own. */
  public static RunningOrdering start(String schemaPrefix) {
    return start(null, schemaPrefix, "memory");
  }

  /** On {@code eventServer}: kafka, nats or memory, on a Vert.x of its own. */
  public static RunningOrdering start(String schemaPrefix, String eventServer) {
    return start(null, schemaPrefix, eventServer);
  }

  /** On {@code vertx} (e.g. injected by {@code VertxExtension}) and {@code eventServer}. */
  public static RunningOrdering start(Vertx vertx, String schemaPrefix, String eventServer) {
    RunningOrdering service = new RunningOrdering(vertx, schemaPrefix, eventServer);
    service.start();
    return service;
  }

  /**
   * Undeploys the service, as a crash or a rolling restart would; the schema and the broker keep
   * everything.
   */
  public void stopService() {
    stop();
  }

  /** A new instance of the service on the same schema and event namespace. */
  public void startAgain() {
    start();
  }

  public OrderingServiceGrpcClient grpc() {
    return OrderingServiceGrpcClient.create(grpcClient(), grpcAddress());
  }

  public Order order(String id) {
    return grpc().getOrder(GetOrderRequest.newBuilder().setId(id).build()).await().getOrder();
  }

  /** Waits until the order exists and has {@code status}. */
  public Order awaitStatus(String id, OrderStatus status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> exists(id) && order(id).getStatus() == status);
    return order(id);
  }

  /** The id of the order made of {@code basketId}, once there is one. */
  public String orderOfBasket(String basketId) {
    String sql = "SELECT count(*) FROM basket_orders WHERE basket_id = '" + basketId + "'";
    await().atMost(Duration.ofSeconds(30)).until(() -> number(sql) == 1);
    return database()
        .pool()
        .query("SELECT order_id FROM basket_orders WHERE basket_id = '" + basketId + "'")
        .execute()
        .await()
        .iterator()
        .next()
        .getUUID("order_id")
        .toString();
  }

  private boolean exists(String id) {
    return number("SELECT count(*) FROM orders_view WHERE id = '" + id + "'") == 1;
  }

  /** Payments' InvoicePaid of {@code invoice} for {@code orderId}, charged to {@code paymentId}. */
  public static Message invoicePaid(
      String invoice, String orderId, String paymentId, double amount) {
    return Message.create(
        "mallbots.payments.events.Invoice",
        "payments.InvoicePaid",
        invoice,
        InvoicePaid.newBuilder()
            .setId(invoice)
            .setOrderId(orderId)
            .setPaymentId(paymentId)
            .setAmount(amount)
            .build()
            .toByteArray());
  }
}

package io.mallbots.ordering.ports.grpc;

import static io.mallbots.ordering.testing.RunningOrdering.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.mallbots.ordering.testing.FakeResponders;
import io.mallbots.ordering.testing.RunningOrdering;
import io.mallbots.ordering.v1.CancelOrderRequest;
import io.mallbots.ordering.v1.CompleteOrderRequest;
import io.mallbots.ordering.v1.CreateOrderRequest;
import io.mallbots.ordering.v1.GetOrderRequest;
import io.mallbots.ordering.v1.Item;
import io.mallbots.ordering.v1.Order;
import io.mallbots.ordering.v1.OrderStatus;
import io.mallbots.ordering.v1.OrderingServiceGrpcClient;
import io.mallbots.ordering.v1.ReadyOrderRequest;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OrderingService through a real vertx-grpc client, the service deployed as in production, saga
 * included.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderingGrpcServerTest {

  private RunningOrdering service;
  private OrderingServiceGrpcClient ordering;
  private FakeResponders responders;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningOrdering.start(vertx, "ordering_grpc", "memory");
    ordering = service.grpc();
    responders = FakeResponders.on(service.observer());
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void an_order_is_created_approved_by_its_saga_readied_and_completed() {
    String userId = UUID.randomUUID().toString();
    String paymentId = UUID.randomUUID().toString();
    Item widget = item(2.5, 2);
    String id =
        ordering
            .createOrder(
                CreateOrderRequest.newBuilder()
                    .setUserId(userId)
                    .setPaymentId(paymentId)
                    .addItems(widget)
                    .build())
            .await()
            .getId();

    Order approved = service.awaitStatus(id, OrderStatus.ORDER_STATUS_APPROVED);
    assertThat(approved)
        .isEqualTo(
            Order.newBuilder()
                .setId(id)
                .setUserId(userId)
                .setPaymentId(paymentId)
                .addItems(widget)
                .setStatus(OrderStatus.ORDER_STATUS_APPROVED)
                .setTotal(5.0)
                .build());

    ordering.readyOrder(ReadyOrderRequest.newBuilder().setId(id).build()).await();
    assertThat(service.order(id).getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_READY);
    String invoice = UUID.randomUUID().toString();
    service.publish(RunningOrdering.invoicePaid(invoice, id, paymentId, 5.0));

    Order completed = service.awaitStatus(id, OrderStatus.ORDER_STATUS_COMPLETED);
    assertThat(completed.getInvoiceId()).isEqualTo(invoice);
    // By hand, with the paid invoice, it is already done.
    ordering
        .completeOrder(CompleteOrderRequest.newBuilder().setId(id).setInvoiceId(invoice).build())
        .await();
    assertThat(service.order(id)).isEqualTo(completed);
  }

  @Test
  void complete_order_with_a_made_up_invoice_is_failed_precondition_and_changes_nothing() {
    String id = created();
    service.awaitStatus(id, OrderStatus.ORDER_STATUS_APPROVED);
    ordering.readyOrder(ReadyOrderRequest.newBuilder().setId(id).build()).await();

    failsWith(
        GrpcStatus.FAILED_PRECONDITION,
        () ->
            ordering.completeOrder(
                CompleteOrderRequest.newBuilder()
                    .setId(id)
                    .setInvoiceId(UUID.randomUUID().toString())
                    .build()));

    assertThat(service.order(id).getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_READY);
    assertThat(service.order(id).getInvoiceId()).isEmpty();
  }

  @Test
  void an_order_whose_total_could_not_be_stored_is_invalid_argument_at_once() {
    String user = UUID.randomUUID().toString();
    String payment = UUID.randomUUID().toString();
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.createOrder(
                CreateOrderRequest.newBuilder()
                    .setUserId(user)
                    .setPaymentId(payment)
                    .addItems(item(1e12, 1))
                    .build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.createOrder(
                CreateOrderRequest.newBuilder()
                    .setUserId(user)
                    .setPaymentId(payment)
                    .addItems(item(999_999_999_999.99, 2))
                    .build()));
    var many = CreateOrderRequest.newBuilder().setUserId(user).setPaymentId(payment);
    for (int i = 0; i < 20; i++) {
      many.addItems(item(999_999_999_999.99, 1));
    }
    failsWith(GrpcStatus.INVALID_ARGUMENT, () -> ordering.createOrder(many.build()));

    assertThat(service.number("SELECT count(*) FROM orders_view WHERE user_id = '" + user + "'"))
        .isZero();
  }

  @Test
  void a_pending_order_is_canceled() {
    responders.hold(); // the saga waits for users, so the order stays pending
    try {
      String id = created();
      ordering.cancelOrder(CancelOrderRequest.newBuilder().setId(id).build()).await();
      assertThat(service.order(id).getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CANCELED);
    } finally {
      responders.answerHeld();
    }
  }

  @Test
  void missing_or_malformed_values_are_invalid_argument() {
    String user = UUID.randomUUID().toString();
    String payment = UUID.randomUUID().toString();
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.createOrder(
                CreateOrderRequest.newBuilder()
                    .setPaymentId(payment)
                    .addItems(item(1, 1))
                    .build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.createOrder(
                CreateOrderRequest.newBuilder().setUserId(user).addItems(item(1, 1)).build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.createOrder(
                CreateOrderRequest.newBuilder().setUserId(user).setPaymentId(payment).build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.createOrder(
                CreateOrderRequest.newBuilder()
                    .setUserId(user)
                    .setPaymentId(payment)
                    .addItems(item(1, 0))
                    .build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.createOrder(
                CreateOrderRequest.newBuilder()
                    .setUserId(user)
                    .setPaymentId(payment)
                    .addItems(item(-0.01, 1))
                    .build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.createOrder(
                CreateOrderRequest.newBuilder()
                    .setUserId(user)
                    .setPaymentId(payment)
                    .addItems(item(Double.NaN, 1))
                    .build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.createOrder(
                CreateOrderRequest.newBuilder()
                    .setUserId(user)
                    .setPaymentId(payment)
                    .addItems(item(1, 1).toBuilder().clearProductId())
                    .build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () -> ordering.getOrder(GetOrderRequest.newBuilder().setId("o-1").build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () -> ordering.cancelOrder(CancelOrderRequest.getDefaultInstance()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () -> ordering.readyOrder(ReadyOrderRequest.newBuilder().setId("1-2-3-4-5").build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            ordering.completeOrder(
                CompleteOrderRequest.newBuilder().setId(UUID.randomUUID().toString()).build()));
  }

  @Test
  void
      an_order_whose_event_would_exceed_the_message_limit_is_invalid_argument_and_leaves_nothing_behind()
          throws Exception {
    long events = service.number("SELECT count(*) FROM events");
    long views = service.number("SELECT count(*) FROM orders_view");
    Item huge = item(1, 1).toBuilder().setProductName("x".repeat(2 * 1024 * 1024)).build();
    CreateOrderRequest request =
        CreateOrderRequest.newBuilder()
            .setUserId(UUID.randomUUID().toString())
            .setPaymentId(UUID.randomUUID().toString())
            .addItems(huge)
            .build();

    failsWith(GrpcStatus.INVALID_ARGUMENT, () -> ordering.createOrder(request));
    var bridged = service.post("CreateOrder", JsonFormat.printer().print(request));
    assertThat(bridged.statusCode()).isEqualTo(400);
    assertThat(bridged.bodyAsJsonObject().getString("message"))
        .contains("MESSAGE_MAX_BYTES")
        .contains("1000000");

    // The outbox refused the event, so the order's whole transaction rolled back: no event, no view
    // row, and nothing in the outbox that the relay could never publish.
    assertThat(service.number("SELECT count(*) FROM events")).isEqualTo(events);
    assertThat(service.number("SELECT count(*) FROM orders_view")).isEqualTo(views);
    assertThat(service.number("SELECT count(*) FROM outbox WHERE length(payload) > 1000000"))
        .isZero();
  }

  @Test
  void unknown_orders_are_not_found() {
    String nobody = UUID.randomUUID().toString();
    failsWith(
        GrpcStatus.NOT_FOUND,
        () -> ordering.getOrder(GetOrderRequest.newBuilder().setId(nobody).build()));
    failsWith(
        GrpcStatus.NOT_FOUND,
        () -> ordering.cancelOrder(CancelOrderRequest.newBuilder().setId(nobody).build()));
    failsWith(
        GrpcStatus.NOT_FOUND,
        () -> ordering.readyOrder(ReadyOrderRequest.newBuilder().setId(nobody).build()));
    failsWith(
        GrpcStatus.NOT_FOUND,
        () ->
            ordering.completeOrder(
                CompleteOrderRequest.newBuilder()
                    .setId(nobody)
                    .setInvoiceId(UUID.randomUUID().toString())
                    .build()));
  }

  @Test
  void a_transition_from_the_wrong_state_is_failed_precondition() {
    String id = created();
    service.awaitStatus(id, OrderStatus.ORDER_STATUS_APPROVED);

    failsWith(
        GrpcStatus.FAILED_PRECONDITION,
        () -> ordering.cancelOrder(CancelOrderRequest.newBuilder().setId(id).build()));
    failsWith(
        GrpcStatus.FAILED_PRECONDITION,
        () ->
            ordering.completeOrder(
                CompleteOrderRequest.newBuilder()
                    .setId(id)
                    .setInvoiceId(UUID.randomUUID().toString())
                    .build()));
    ordering.readyOrder(ReadyOrderRequest.newBuilder().setId(id).build()).await();
    failsWith(
        GrpcStatus.FAILED_PRECONDITION,
        () -> ordering.readyOrder(ReadyOrderRequest.newBuilder().setId(id).build()));
  }

  private String created() {
    return ordering
        .createOrder(
            CreateOrderRequest.newBuilder()
                .setUserId(UUID.randomUUID().toString())
                .setPaymentId(UUID.randomUUID().toString())
                .addItems(item(1, 1))
                .build())
        .await()
        .getId();
  }

  private static Item item(double price, int quantity) {
    return Item.newBuilder()
        .setProductId(UUID.randomUUID().toString())
        .setStoreId(UUID.randomUUID().toString())
        .setProductName("Widget")
        .setStoreName("Widgets")
        .setPrice(price)
        .setQuantity(quantity)
        .build();
  }
}

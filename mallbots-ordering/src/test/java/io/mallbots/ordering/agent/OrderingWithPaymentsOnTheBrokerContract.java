package io.mallbots.ordering.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.baskets.v1.BasketCheckedOut;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.RunningService;
import io.mallbots.ordering.testing.FakeResponders;
import io.mallbots.ordering.testing.OrderingInProcess;
import io.mallbots.ordering.testing.RunningOrdering;
import io.mallbots.ordering.v1.OrderRejected;
import io.mallbots.ordering.v1.OrderStatus;
import io.mallbots.payments.agent.PaymentsVerticle;
import io.mallbots.payments.v1.AuthorizePaymentRequest;
import io.mallbots.payments.v1.GetPaymentRequest;
import io.mallbots.payments.v1.Payment;
import io.mallbots.payments.v1.PaymentReleased;
import io.mallbots.payments.v1.PaymentStatus;
import io.mallbots.payments.v1.PaymentsServiceGrpcClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The create-order saga against the real payments service on a real broker (users is a stand-in):
 * money that payments confirmed for an order that was then rejected is given back. Subclassed per
 * broker, unchanged.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderingWithPaymentsOnTheBrokerContract {

  private static final String ORDER_TOPIC = "mallbots.ordering.events.Order";
  private static final String PAYMENT_TOPIC = "mallbots.payments.events.Payment";
  private RunningOrdering ordering;
  private RunningService<PaymentsVerticle> payments;
  private List<Message> orderEvents;
  private List<Message> paymentEvents;

  /** kafka or nats. */
  abstract String eventServer();

  @BeforeAll
  void start(Vertx vertx) {
    ordering = RunningOrdering.start(vertx, "ordering_payments_" + eventServer(), eventServer());
    payments = ordering.neighbour("payments_ordering_" + eventServer(), PaymentsVerticle::new);
    FakeResponders.usersOn(ordering.observer());
    orderEvents = ordering.watch(ORDER_TOPIC);
    paymentEvents = ordering.watch(PAYMENT_TOPIC);
  }

  @AfterAll
  void stop() {
    ordering.close();
  }

  @Test
  void a_checkout_confirms_the_payment_and_is_approved() {
    BasketCheckedOut basket = basketPaidWith(15);

    String id = checkout(basket);

    ordering.awaitStatus(id, OrderStatus.ORDER_STATUS_APPROVED);
    Payment payment = payment(basket.getPaymentId());
    assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CONFIRMED);
    assertThat(payment.getOrderId()).isEqualTo(id);
  }

  @Test
  void payments_gone_rejects_the_order_in_time_and_what_it_confirms_on_return_is_released()
      throws Exception {
    BasketCheckedOut basket = basketPaidWith(15);
    payments.stop(); // ConfirmPayment and its re-sends wait on the broker, unanswered

    String id = checkout(basket);

    // ConfirmPayment given up, ReleasePayment given up too (payments still gone), then the order is
    // rejected.
    await().atMost(Duration.ofSeconds(90)).until(() -> rejected(id));
    List<Message> events = about(id);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly("ordering.OrderCreated", "ordering.OrderRejected");
    assertThat(OrderRejected.parseFrom(events.get(1).payload()).getCode())
        .isEqualTo("STEP_TIMED_OUT");

    payments.start(); // handles ConfirmPayment (charges), its re-sends (once), then ReleasePayment
    // (gives back)

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                payment(basket.getPaymentId()).getStatus()
                    == PaymentStatus.PAYMENT_STATUS_RELEASED);
    Payment payment = payment(basket.getPaymentId());
    assertThat(payment.getOrderId()).isEqualTo(id);
    await().atMost(Duration.ofSeconds(30)).until(() -> released(basket.getPaymentId()).size() == 1);
    assertThat(PaymentReleased.parseFrom(released(basket.getPaymentId()).get(0).payload()))
        .isEqualTo(
            PaymentReleased.newBuilder()
                .setId(basket.getPaymentId())
                .setAmount(15)
                .setOrderId(id)
                .build());
    assertThat(ordering.order(id).getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_REJECTED);
  }

  /**
   * A checked-out basket of 15.00 whose shopper authorized a payment of {@code amount} with the
   * real payments.
   */
  private BasketCheckedOut basketPaidWith(double amount) {
    String user = UUID.randomUUID().toString();
    String paymentId =
        paymentsClient()
            .authorizePayment(
                AuthorizePaymentRequest.newBuilder().setUserId(user).setAmount(amount).build())
            .await()
            .getId();
    try {
      return BasketCheckedOut.parseFrom(OrderingInProcess.basketCheckedOut().payload()).toBuilder()
          .setUserId(user)
          .setPaymentId(paymentId)
          .build();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private String checkout(BasketCheckedOut basket) {
    ordering.publish(
        Message.create(
            "mallbots.baskets.events.Basket",
            "baskets.BasketCheckedOut",
            basket.getId(),
            basket.toByteArray()));
    return ordering.orderOfBasket(basket.getId());
  }

  private boolean rejected(String id) {
    return about(id).stream().anyMatch(m -> m.name().equals("ordering.OrderRejected"));
  }

  private List<Message> about(String id) {
    return orderEvents.stream().filter(m -> m.aggregateId().equals(id)).toList();
  }

  private List<Message> released(String paymentId) {
    return paymentEvents.stream()
        .filter(
            m -> m.aggregateId().equals(paymentId) && m.name().equals("payments.PaymentReleased"))
        .toList();
  }

  private Payment payment(String id) {
    return paymentsClient()
        .getPayment(GetPaymentRequest.newBuilder().setId(id).build())
        .await()
        .getPayment();
  }

  private PaymentsServiceGrpcClient paymentsClient() {
    return PaymentsServiceGrpcClient.create(payments.grpcClient(), payments.grpcAddress());
  }
}

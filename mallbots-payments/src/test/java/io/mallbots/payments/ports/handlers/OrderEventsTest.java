package io.mallbots.payments.ports.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCanceled;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.payments.RunningPayments;
import io.mallbots.payments.v1.ConfirmPayment;
import io.mallbots.payments.v1.CreateInvoiceRequest;
import io.mallbots.payments.v1.GetInvoiceRequest;
import io.mallbots.payments.v1.GetPaymentRequest;
import io.mallbots.payments.v1.Invoice;
import io.mallbots.payments.v1.InvoiceStatus;
import io.mallbots.payments.v1.Payment;
import io.mallbots.payments.v1.PaymentStatus;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ordering's events on mallbots.ordering.events.Order: OrderReadied invoices the order,
 * OrderCanceled cancels it.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderEventsTest {

  private static final String ORDER_TOPIC = "mallbots.ordering.events.Order";
  private RunningPayments payments;
  private List<Message> deadLetters;
  private String orderId;

  @BeforeAll
  void start(Vertx vertx) {
    payments = RunningPayments.start(vertx, "payments_orders", "memory");
    deadLetters = payments.watch(ORDER_TOPIC + ".dlq");
  }

  @AfterAll
  void stop() {
    assertThat(deadLetters).as("no order event was dead-lettered").isEmpty();
    payments.close();
  }

  @BeforeEach
  void newOrder() {
    orderId = UUID.randomUUID().toString();
  }

  @Test
  void a_readied_order_is_invoiced_for_its_total() {
    String paymentId = payments.authorize(60);

    handled(readied(paymentId, 59.99));

    Invoice invoice = invoice();
    assertThat(invoice.getPaymentId()).isEqualTo(paymentId);
    assertThat(invoice.getAmount()).isEqualTo(59.99);
    assertThat(invoice.getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_PENDING);
  }

  @Test
  void an_order_readied_twice_gets_one_invoice() {
    String paymentId = payments.authorize(60);
    Message readied = readied(paymentId, 60);

    payments.publish(readied);
    handled(readied(paymentId, 60)); // the same fact in a new envelope, e.g. republished
    handled(readied);

    assertThat(payments.number("SELECT count(*) FROM invoices WHERE order_id = '" + orderId + "'"))
        .isEqualTo(1);
    assertThat(
            payments.number("SELECT count(*) FROM inbox WHERE message_id = '" + readied.id() + "'"))
        .isEqualTo(1);
  }

  @Test
  void a_canceled_order_cancels_its_invoice() {
    String paymentId = payments.authorize(60);
    handled(readied(paymentId, 60));

    handled(canceled());

    assertThat(invoice().getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_CANCELED);
  }

  @Test
  void a_canceled_order_without_an_invoice_needs_nothing() {
    handled(canceled());

    assertThat(payments.number("SELECT count(*) FROM invoices WHERE order_id = '" + orderId + "'"))
        .isZero();
  }

  @Test
  void a_canceled_order_leaves_a_paid_invoice_paid() {
    String paymentId = payments.authorize(60);
    payments
        .grpc()
        .createInvoice(
            CreateInvoiceRequest.newBuilder()
                .setOrderId(orderId)
                .setPaymentId(paymentId)
                .setAmount(60)
                .build())
        .await();
    payments
        .grpc()
        .payInvoice(
            io.mallbots.payments.v1.PayInvoiceRequest.newBuilder().setId(invoice().getId()).build())
        .await();

    handled(canceled());

    assertThat(invoice().getStatus()).isEqualTo(InvoiceStatus.INVOICE_STATUS_PAID);
  }

  @Test
  void a_canceled_order_gets_back_the_payment_its_saga_confirmed() {
    String paymentId = payments.authorize(60);
    confirmedFor(paymentId, 60, orderId);

    handled(canceled(paymentId));
    handled(canceled(paymentId)); // the same fact again, in a new envelope

    Payment payment = payment(paymentId);
    assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_RELEASED);
    assertThat(payment.getOrderId()).isEqualTo(orderId);
  }

  @Test
  void a_canceled_order_leaves_a_payment_never_confirmed_or_confirmed_for_another_order_as_it_is() {
    String authorized = payments.authorize(60);
    String another = payments.authorize(60);
    confirmedFor(another, 60, UUID.randomUUID().toString());

    handled(canceled(authorized));
    handled(canceled(another));
    handled(canceled("not-a-payment-id"));

    assertThat(payment(authorized).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
    assertThat(payment(another).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CONFIRMED);
  }

  @Test
  void other_order_events_are_passed_over_without_an_inbox_record() {
    List<Message> passedOver =
        List.of(
            Message.create(
                ORDER_TOPIC,
                "ordering.OrderCreated",
                orderId,
                OrderCreated.newBuilder().setId(orderId).build().toByteArray()),
            Message.create(
                ORDER_TOPIC,
                "ordering.OrderApproved",
                orderId,
                OrderApproved.newBuilder().setId(orderId).build().toByteArray()));
    passedOver.forEach(payments::publish);

    // The topic delivers an order's events in order: once this one is handled, the two before it
    // were too.
    handled(canceled());

    assertThat(passedOver)
        .allSatisfy(
            event ->
                assertThat(
                        payments.number(
                            "SELECT count(*) FROM inbox WHERE message_id = '" + event.id() + "'"))
                    .isZero());
    assertThat(payments.number("SELECT count(*) FROM invoices WHERE order_id = '" + orderId + "'"))
        .isZero();
  }

  /**
   * Publishes the event and waits until the service has recorded it in its inbox, effect included.
   */
  private void handled(Message event) {
    payments.publish(event);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                payments.number(
                        "SELECT count(*) FROM inbox WHERE message_id = '" + event.id() + "'")
                    == 1);
  }

  private Invoice invoice() {
    return payments
        .grpc()
        .getInvoice(GetInvoiceRequest.newBuilder().setOrderId(orderId).build())
        .await()
        .getInvoice();
  }

  private Message readied(String paymentId, double total) {
    return Message.create(
        ORDER_TOPIC,
        "ordering.OrderReadied",
        orderId,
        OrderReadied.newBuilder()
            .setId(orderId)
            .setUserId("user-1")
            .setPaymentId(paymentId)
            .setTotal(total)
            .build()
            .toByteArray());
  }

  /** Confirmed for {@code order} by the saga's command, as ordering's saga would. */
  private void confirmedFor(String paymentId, double amount, String order) {
    payments.publish(
        Message.create(
                "mallbots.payments.commands",
                "payments.ConfirmPayment",
                order,
                ConfirmPayment.newBuilder()
                    .setId(paymentId)
                    .setAmount(amount)
                    .setOrderId(order)
                    .setUserId("user-1")
                    .build()
                    .toByteArray())
            .withMetadata(
                Map.of(
                    Metadata.REPLY_TO,
                    "test.replies." + UUID.randomUUID(),
                    Metadata.SAGA_ID,
                    order)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> payment(paymentId).getStatus() == PaymentStatus.PAYMENT_STATUS_CONFIRMED);
  }

  private Payment payment(String id) {
    return payments
        .grpc()
        .getPayment(GetPaymentRequest.newBuilder().setId(id).build())
        .await()
        .getPayment();
  }

  private Message canceled(String paymentId) {
    return Message.create(
        ORDER_TOPIC,
        "ordering.OrderCanceled",
        orderId,
        OrderCanceled.newBuilder()
            .setId(orderId)
            .setUserId("user-1")
            .setPaymentId(paymentId)
            .build()
            .toByteArray());
  }

  private Message canceled() {
    return Message.create(
        ORDER_TOPIC,
        "ordering.OrderCanceled",
        orderId,
        OrderCanceled.newBuilder().setId(orderId).setUserId("user-1").build().toByteArray());
  }
}

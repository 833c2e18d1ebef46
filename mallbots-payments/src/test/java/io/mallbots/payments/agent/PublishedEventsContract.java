package io.mallbots.payments.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mallbots.core.messaging.Message;
import io.mallbots.payments.RunningPayments;
import io.mallbots.payments.v1.AdjustInvoiceRequest;
import io.mallbots.payments.v1.CancelInvoiceRequest;
import io.mallbots.payments.v1.ConfirmPaymentRequest;
import io.mallbots.payments.v1.CreateInvoiceRequest;
import io.mallbots.payments.v1.InvoiceAdjusted;
import io.mallbots.payments.v1.InvoiceCanceled;
import io.mallbots.payments.v1.InvoiceCreated;
import io.mallbots.payments.v1.InvoicePaid;
import io.mallbots.payments.v1.PayInvoiceRequest;
import io.mallbots.payments.v1.PaymentAuthorized;
import io.mallbots.payments.v1.PaymentConfirmed;
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
 * Every payments event leaves through the outbox and reaches the broker on its topic, keyed by its
 * aggregate, with its protobuf payload. Subclassed per broker, unchanged.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PublishedEventsContract {

  private RunningPayments payments;
  private List<Message> paymentEvents;
  private List<Message> invoiceEvents;

  /** kafka, nats or memory. */
  abstract String eventServer();

  @BeforeAll
  void start(Vertx vertx) {
    payments = RunningPayments.start(vertx, "payments_events_" + eventServer(), eventServer());
    paymentEvents = payments.watch("mallbots.payments.events.Payment");
    invoiceEvents = payments.watch("mallbots.payments.events.Invoice");
  }

  @AfterAll
  void stop() {
    payments.close();
  }

  @Test
  void payment_authorized_and_payment_confirmed_reach_the_payment_topic()
      throws InvalidProtocolBufferException {
    String id = payments.authorize(15.25);
    payments
        .grpc()
        .confirmPayment(ConfirmPaymentRequest.newBuilder().setId(id).setAmount(15.25).build())
        .await();

    List<Message> events = arrived(paymentEvents, id, 2);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly("payments.PaymentAuthorized", "payments.PaymentConfirmed");
    assertThat(PaymentAuthorized.parseFrom(events.get(0).payload()))
        .isEqualTo(
            PaymentAuthorized.newBuilder().setId(id).setUserId("user-1").setAmount(15.25).build());
    assertThat(PaymentConfirmed.parseFrom(events.get(1).payload()))
        .isEqualTo(PaymentConfirmed.newBuilder().setId(id).setAmount(15.25).build());
  }

  @Test
  void invoice_created_adjusted_and_paid_reach_the_invoice_topic()
      throws InvalidProtocolBufferException {
    String paymentId = payments.authorize(100);
    String orderId = UUID.randomUUID().toString();
    String id = createInvoice(orderId, paymentId);
    payments
        .grpc()
        .adjustInvoice(AdjustInvoiceRequest.newBuilder().setId(id).setAmount(90).build())
        .await();
    payments.grpc().payInvoice(PayInvoiceRequest.newBuilder().setId(id).build()).await();

    List<Message> events = arrived(invoiceEvents, id, 3);
    assertThat(InvoiceCreated.parseFrom(events.get(0).payload()))
        .isEqualTo(
            InvoiceCreated.newBuilder()
                .setId(id)
                .setOrderId(orderId)
                .setPaymentId(paymentId)
                .setAmount(100)
                .build());
    assertThat(InvoiceAdjusted.parseFrom(events.get(1).payload()))
        .isEqualTo(
            InvoiceAdjusted.newBuilder().setId(id).setOrderId(orderId).setAmount(90).build());
    assertThat(events.get(2).name()).isEqualTo("payments.InvoicePaid");
    assertThat(InvoicePaid.parseFrom(events.get(2).payload()))
        .isEqualTo(
            InvoicePaid.newBuilder()
                .setId(id)
                .setOrderId(orderId)
                .setPaymentId(paymentId)
                .setAmount(90)
                .build());
  }

  @Test
  void invoice_canceled_reaches_the_invoice_topic() throws InvalidProtocolBufferException {
    String orderId = UUID.randomUUID().toString();
    String id = createInvoice(orderId, payments.authorize(100));
    payments.grpc().cancelInvoice(CancelInvoiceRequest.newBuilder().setId(id).build()).await();

    List<Message> events = arrived(invoiceEvents, id, 2);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly("payments.InvoiceCreated", "payments.InvoiceCanceled");
    assertThat(InvoiceCanceled.parseFrom(events.get(1).payload()))
        .isEqualTo(InvoiceCanceled.newBuilder().setId(id).setOrderId(orderId).build());
  }

  private String createInvoice(String orderId, String paymentId) {
    return payments
        .grpc()
        .createInvoice(
            CreateInvoiceRequest.newBuilder()
                .setOrderId(orderId)
                .setPaymentId(paymentId)
                .setAmount(100)
                .build())
        .await()
        .getId();
  }

  /** The {@code count} events keyed by {@code aggregateId}, in the order they arrived. */
  private static List<Message> arrived(List<Message> seen, String aggregateId, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> keyed(seen, aggregateId).size() >= count);
    List<Message> events = keyed(seen, aggregateId);
    assertThat(events).hasSize(count);
    return events;
  }

  private static List<Message> keyed(List<Message> seen, String aggregateId) {
    return seen.stream().filter(m -> m.aggregateId().equals(aggregateId)).toList();
  }
}

package io.mallbots.payments.ports.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.payments.RunningPayments;
import io.mallbots.payments.v1.ConfirmPayment;
import io.mallbots.payments.v1.GetPaymentRequest;
import io.mallbots.payments.v1.Payment;
import io.mallbots.payments.v1.PaymentReleased;
import io.mallbots.payments.v1.PaymentStatus;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.payments.v1.ReleasePayment;
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
 * The create-order saga's compensation of ConfirmPayment, as a message on
 * mallbots.payments.commands: a payment confirmed for the order is given back once; nothing to give
 * back is success; another order's money is refused.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleasePaymentCommandTest {

  private RunningPayments payments;
  private List<Message> paymentEvents;
  private String replyTopic;
  private List<Message> replies;
  private String orderId;

  @BeforeAll
  void start(Vertx vertx) {
    payments = RunningPayments.start(vertx, "payments_release", "memory");
    paymentEvents = payments.watch("mallbots.payments.events.Payment");
  }

  @AfterAll
  void stop() {
    payments.close();
  }

  @BeforeEach
  void newSaga() {
    replyTopic = "test.replies." + UUID.randomUUID();
    replies = payments.watch(replyTopic);
    orderId = UUID.randomUUID().toString();
  }

  @Test
  void a_payment_confirmed_for_the_order_is_released_once_however_often_the_command_comes()
      throws Exception {
    String paymentId = payments.authorize(40);
    payments.publish(confirm(paymentId, 40, orderId));
    awaitReplies(1);
    Message release = release(paymentId, orderId);

    payments.publish(release);
    payments.publish(release); // redelivered
    payments.publish(release(paymentId, orderId)); // the compensation run again, in a new envelope

    assertThat(awaitReplies(3))
        .extracting(CommandReply::getOutcome)
        .containsOnly(Outcome.OUTCOME_SUCCESS);
    Payment payment = payment(paymentId);
    assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_RELEASED);
    assertThat(payment.getOrderId()).isEqualTo(orderId);
    List<Message> released = published(paymentId, "payments.PaymentReleased", 1);
    assertThat(released).hasSize(1);
    assertThat(PaymentReleased.parseFrom(released.get(0).payload()))
        .isEqualTo(
            PaymentReleased.newBuilder()
                .setId(paymentId)
                .setAmount(40)
                .setOrderId(orderId)
                .build());
  }

  @Test
  void releasing_a_payment_whose_confirmation_never_happened_succeeds_and_changes_nothing() {
    String paymentId = payments.authorize(40);

    payments.publish(release(paymentId, orderId));

    assertThat(awaitReplies(1).get(0).getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
    assertThat(payment(paymentId).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
    assertThat(published(paymentId, "payments.PaymentReleased", 0)).isEmpty();
  }

  @Test
  void a_payment_confirmed_for_another_order_is_not_released() {
    String paymentId = payments.authorize(40);
    payments.publish(confirm(paymentId, 40, UUID.randomUUID().toString()));
    awaitReplies(1);

    payments.publish(release(paymentId, orderId));

    assertFailure(awaitReplies(2).get(1), "PAYMENT_CONFIRMED_FOR_ANOTHER_ORDER");
    assertThat(payment(paymentId).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CONFIRMED);
  }

  @Test
  void a_released_payment_is_not_charged_again_by_a_late_confirmation() {
    String paymentId = payments.authorize(40);
    payments.publish(confirm(paymentId, 40, orderId));
    payments.publish(release(paymentId, orderId));
    awaitReplies(2);

    payments.publish(confirm(paymentId, 40, orderId)); // e.g. a dead letter replayed by hand

    assertFailure(awaitReplies(3).get(2), "PAYMENT_RELEASED");
    assertThat(payment(paymentId).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_RELEASED);
  }

  @Test
  void an_unknown_payment_is_payment_not_found() {
    payments.publish(release(UUID.randomUUID().toString(), orderId));

    assertFailure(awaitReplies(1).get(0), "PAYMENT_NOT_FOUND");
  }

  private Message confirm(String paymentId, double amount, String order) {
    byte[] body =
        ConfirmPayment.newBuilder()
            .setId(paymentId)
            .setAmount(amount)
            .setOrderId(order)
            .setUserId("user-1")
            .build()
            .toByteArray();
    return command(PaymentsContract.Names.CONFIRM_PAYMENT, order, body);
  }

  private Message release(String paymentId, String order) {
    byte[] body =
        ReleasePayment.newBuilder().setId(paymentId).setOrderId(order).build().toByteArray();
    return command(PaymentsContract.Names.RELEASE_PAYMENT, order, body);
  }

  private Message command(String name, String order, byte[] body) {
    // Keyed by the order, as the saga does: an order's commands are handled in the order they were
    // sent.
    return Message.create(PaymentsContract.COMMANDS, name, order, body)
        .withMetadata(Map.of(Metadata.REPLY_TO, replyTopic, Metadata.SAGA_ID, order));
  }

  private List<CommandReply> awaitReplies(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() >= count);
    assertThat(replies).hasSize(count);
    return replies.stream().map(ReleasePaymentCommandTest::body).toList();
  }

  private Payment payment(String id) {
    return payments
        .grpc()
        .getPayment(GetPaymentRequest.newBuilder().setId(id).build())
        .await()
        .getPayment();
  }

  /**
   * The payment's events named {@code name} that left the outbox, once the relay has sent all it
   * had.
   */
  private List<Message> published(String paymentId, String name, int atLeast) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                payments.number(
                        "SELECT count(*) FROM outbox WHERE aggregate_id = '" + paymentId + "'")
                    == 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> events(paymentId, name).size() >= atLeast);
    return events(paymentId, name);
  }

  private List<Message> events(String paymentId, String name) {
    return paymentEvents.stream()
        .filter(e -> e.aggregateId().equals(paymentId) && e.name().equals(name))
        .toList();
  }

  private static void assertFailure(CommandReply reply, String code) {
    assertThat(reply.getOutcome()).isEqualTo(Outcome.OUTCOME_FAILURE);
    assertThat(reply.getCode()).isEqualTo(code);
    assertThat(reply.getReason()).isNotBlank();
  }

  private static CommandReply body(Message reply) {
    try {
      return CommandReply.parseFrom(reply.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}

package io.mallbots.payments.ports.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.ordering.v1.OrderCanceled;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.payments.RunningPayments;
import io.mallbots.payments.v1.ConfirmPayment;
import io.mallbots.payments.v1.GetPaymentRequest;
import io.mallbots.payments.v1.Payment;
import io.mallbots.payments.v1.PaymentStatus;
import io.mallbots.payments.v1.PaymentsContract;
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
 * The create-order saga's ConfirmPayment step, as a message on mallbots.payments.commands, answered
 * once.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfirmPaymentCommandTest {

  private RunningPayments payments;
  private String replyTopic;
  private List<Message> replies;
  private String orderId;

  @BeforeAll
  void start(Vertx vertx) {
    payments = RunningPayments.start(vertx, "payments_commands", "memory");
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
  void confirming_the_order_total_confirms_the_payment_and_replies_success() {
    String paymentId = payments.authorize(40);

    payments.publish(command(paymentId, 40, orderId));

    CommandReply reply = awaitReplies(1).get(0);
    assertThat(reply.getOutcome()).isEqualTo(Outcome.OUTCOME_SUCCESS);
    Payment payment = payment(paymentId);
    assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CONFIRMED);
    assertThat(payment.getOrderId()).isEqualTo(orderId);
    assertThat(payment.getConfirmedAmount()).isEqualTo(40.0);
  }

  @Test
  void the_same_command_twice_has_one_effect_and_one_reply() {
    String paymentId = payments.authorize(40);
    List<Message> paymentEvents = payments.watch("mallbots.payments.events.Payment");
    Message command = command(paymentId, 40, orderId);

    payments.publish(command);
    payments.publish(command);
    Message sentinel =
        command(payments.authorize(1), 1, orderId); // same key: handled after both copies
    payments.publish(sentinel);

    awaitReplies(2);
    assertThat(replies)
        .extracting(reply -> reply.metadata(Metadata.CAUSATION_ID))
        .containsExactly(command.id(), sentinel.id());
    assertThat(publishedConfirmations(paymentEvents, paymentId)).isEqualTo(1);
  }

  @Test
  void a_new_command_for_the_same_order_and_amount_succeeds_without_a_second_charge() {
    String paymentId = payments.authorize(40);
    List<Message> paymentEvents = payments.watch("mallbots.payments.events.Payment");

    payments.publish(command(paymentId, 40, orderId));
    payments.publish(command(paymentId, 40, orderId));

    assertThat(awaitReplies(2))
        .extracting(CommandReply::getOutcome)
        .containsOnly(Outcome.OUTCOME_SUCCESS);
    assertThat(publishedConfirmations(paymentEvents, paymentId)).isEqualTo(1);
  }

  @Test
  void an_amount_other_than_the_authorized_one_is_refused_with_payment_amount_mismatch() {
    String paymentId = payments.authorize(40);

    payments.publish(command(paymentId, 40.01, orderId));

    assertFailure(awaitReplies(1).get(0), "PAYMENT_AMOUNT_MISMATCH");
    assertThat(payment(paymentId).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
  }

  @Test
  void a_payment_confirmed_for_another_order_is_refused() {
    String paymentId = payments.authorize(40);
    payments.publish(command(paymentId, 40, UUID.randomUUID().toString()));
    awaitReplies(1);

    payments.publish(command(paymentId, 40, orderId));

    assertFailure(awaitReplies(2).get(1), "PAYMENT_ALREADY_CONFIRMED");
  }

  @Test
  void a_payment_of_another_user_is_refused_with_payment_user_mismatch_and_stays_authorized() {
    String paymentId = payments.authorize(40); // user-1's

    payments.publish(command(paymentId, 40, orderId, "user-2"));

    assertFailure(awaitReplies(1).get(0), "PAYMENT_USER_MISMATCH");
    assertThat(payment(paymentId).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
  }

  @Test
  void a_command_that_names_no_user_is_refused_rather_than_confirmed_unchecked() {
    String paymentId = payments.authorize(40);

    payments.publish(command(paymentId, 40, orderId, ""));

    CommandReply reply = awaitReplies(1).get(0);
    assertFailure(reply, "INVALID");
    assertThat(reply.getReason()).contains("user_id");
    assertThat(payment(paymentId).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
  }

  @Test
  void a_payment_for_an_order_already_canceled_is_refused_with_order_canceled() {
    String paymentId = payments.authorize(40);
    Message canceled =
        Message.create(
            OrderingContract.ORDER_EVENTS,
            "ordering.OrderCanceled",
            orderId,
            OrderCanceled.newBuilder()
                .setId(orderId)
                .setUserId("user-1")
                .setPaymentId(paymentId)
                .build()
                .toByteArray());
    payments.publish(canceled);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                payments.number(
                        "SELECT count(*) FROM inbox WHERE message_id = '" + canceled.id() + "'")
                    == 1);

    payments.publish(command(paymentId, 40, orderId));

    assertFailure(awaitReplies(1).get(0), "ORDER_CANCELED");
    assertThat(payment(paymentId).getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
  }

  @Test
  void an_unknown_or_malformed_payment_id_is_payment_not_found() {
    payments.publish(command(UUID.randomUUID().toString(), 1, orderId));
    payments.publish(command("checkout-42", 1, orderId));

    List<CommandReply> answers = awaitReplies(2);
    assertFailure(answers.get(0), "PAYMENT_NOT_FOUND");
    assertFailure(answers.get(1), "PAYMENT_NOT_FOUND");
  }

  @Test
  void an_unreadable_command_is_refused_rather_than_retried() {
    payments.publish(
        Message.create(
                PaymentsContract.COMMANDS,
                PaymentsContract.Names.CONFIRM_PAYMENT,
                orderId,
                new byte[] {(byte) 0xff, 0x01})
            .withMetadata(Metadata.REPLY_TO, replyTopic));

    assertFailure(awaitReplies(1).get(0), "MALFORMED_MESSAGE");
  }

  /** The saga's command for an order of user-1, who authorizes the test's payments. */
  private Message command(String paymentId, double amount, String order) {
    return command(paymentId, amount, order, "user-1");
  }

  private Message command(String paymentId, double amount, String order, String user) {
    byte[] body =
        ConfirmPayment.newBuilder()
            .setId(paymentId)
            .setAmount(amount)
            .setOrderId(order)
            .setUserId(user)
            .build()
            .toByteArray();
    return Message.create(
            PaymentsContract.COMMANDS, PaymentsContract.Names.CONFIRM_PAYMENT, order, body)
        .withMetadata(Map.of(Metadata.REPLY_TO, replyTopic, Metadata.SAGA_ID, order));
  }

  private List<CommandReply> awaitReplies(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> replies.size() >= count);
    assertThat(replies).hasSize(count);
    return replies.stream().map(ConfirmPaymentCommandTest::body).toList();
  }

  private Payment payment(String id) {
    return payments
        .grpc()
        .getPayment(GetPaymentRequest.newBuilder().setId(id).build())
        .await()
        .getPayment();
  }

  /**
   * PaymentConfirmed events of the payment that left the outbox, once the relay has sent them all.
   */
  private long publishedConfirmations(List<Message> events, String paymentId) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                payments.number(
                        "SELECT count(*) FROM outbox WHERE aggregate_id = '" + paymentId + "'")
                    == 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> confirmations(events, paymentId) >= 1);
    return confirmations(events, paymentId);
  }

  private static long confirmations(List<Message> events, String paymentId) {
    return events.stream()
        .filter(
            e -> e.aggregateId().equals(paymentId) && e.name().equals("payments.PaymentConfirmed"))
        .count();
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

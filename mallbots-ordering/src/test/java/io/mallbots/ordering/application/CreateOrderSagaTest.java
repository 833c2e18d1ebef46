package io.mallbots.ordering.application;

import static io.mallbots.ordering.testing.OrderingInProcess.basketCheckedOut;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mallbots.common.v1.CommandReply;
import io.mallbots.common.v1.Outcome;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.saga.CommandReplies;
import io.mallbots.core.saga.SagaOutcome;
import io.mallbots.ordering.application.commands.CancelOrder;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.OrderStatus;
import io.mallbots.ordering.testing.OrderingInProcess;
import io.mallbots.ordering.v1.ApproveOrder;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderRejected;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.ordering.v1.RejectOrder;
import io.mallbots.payments.v1.ConfirmPayment;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.users.v1.AuthorizeUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A checkout becomes an order and its create-order saga runs to the end, users' and payments'
 * replies simulated: everything in ordering's database. Ordering approves and rejects its orders
 * itself, in the transaction of the reply that decides, without sending itself a command; its
 * ApproveOrder / RejectOrder command handler (kept for the contract) is tested on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreateOrderSagaTest {

  private static final String EVENTS = OrderingContract.ORDER_EVENTS;
  private OrderingInProcess ordering;

  @BeforeAll
  void start() {
    ordering = new OrderingInProcess("ordering_saga");
  }

  @AfterAll
  void stop() {
    ordering.close();
  }

  @Test
  void a_checkout_makes_a_pending_order_of_its_own_and_asks_users_to_authorize_the_shopper()
      throws Exception {
    Message checkout = basketCheckedOut();
    OrderId id = ordering.checkout(checkout);

    assertThat(id.toString()).isNotEqualTo(checkout.aggregateId());
    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.PENDING);
    OrderCreated created =
        OrderCreated.parseFrom(ordering.last(id, "ordering.OrderCreated").payload());
    assertThat(created.getId()).isEqualTo(id.toString());
    assertThat(created.getBasketId()).isEqualTo(checkout.aggregateId());
    assertThat(created.getTotal()).isEqualTo(15.0);
    assertThat(created.getVersion()).as("the order's version after it was created").isEqualTo(1);
    Message authorize = ordering.last(id, "users.AuthorizeUser");
    assertThat(authorize.topic()).isEqualTo("mallbots.users.commands");
    assertThat(authorize.metadata())
        .containsEntry(Metadata.REPLY_TO, "mallbots.ordering.replies.CreateOrder")
        .containsEntry(Metadata.SAGA_ID, id.toString());
    assertThat(AuthorizeUser.parseFrom(authorize.payload()).getUserId())
        .isEqualTo(created.getUserId());
  }

  @Test
  void every_step_succeeding_approves_the_order() throws Exception {
    OrderId id = ordering.checkout(basketCheckedOut());

    ordering.runSaga(id);

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.APPROVED);
    assertThat(ordering.saga(id).outcome()).isEqualTo(SagaOutcome.COMPLETED);
    assertThat(ordering.sent(id, EVENTS))
        .containsExactly("ordering.OrderCreated", "ordering.OrderApproved");
    assertThat(
            OrderApproved.parseFrom(ordering.last(id, "ordering.OrderApproved").payload())
                .getVersion())
        .as("the order's version after the approval")
        .isEqualTo(ordering.order(id).version())
        .isEqualTo(2);
    ConfirmPayment confirm =
        ConfirmPayment.parseFrom(ordering.last(id, "payments.ConfirmPayment").payload());
    assertThat(confirm.getAmount()).isEqualTo(15.0);
    assertThat(confirm.getOrderId()).isEqualTo(id.toString());
    assertThat(confirm.getId()).isEqualTo(ordering.order(id).paymentId());
    assertThat(confirm.getUserId())
        .as("payments confirms only the order's user's payment")
        .isEqualTo(ordering.order(id).userId());
    assertThat(
            ordering.sent(id).stream()
                .map(Message::name)
                .filter(n -> !n.startsWith("common") && !n.contains("Order"))
                .toList())
        .containsExactly("users.AuthorizeUser", "payments.ConfirmPayment");
    assertThat(ordering.sent(id, OrderingContract.COMMANDS)).isEmpty();
  }

  @Test
  void a_refused_user_rejects_the_order_with_users_reason_and_code_and_charges_nothing()
      throws Exception {
    OrderId id = ordering.checkout(basketCheckedOut());

    ordering.runSaga(
        id, Map.of("users.AuthorizeUser", new Conflict("USER_DISABLED", "user is disabled")));

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(ordering.saga(id).outcome()).isEqualTo(SagaOutcome.COMPENSATED);
    assertThat(ordering.sent(id, PaymentsContract.COMMANDS)).isEmpty();
    assertThat(ordering.sent(id, OrderingContract.COMMANDS)).isEmpty();
    OrderRejected rejected =
        OrderRejected.parseFrom(ordering.last(id, "ordering.OrderRejected").payload());
    assertThat(rejected.getReason()).isEqualTo("user is disabled");
    assertThat(rejected.getCode()).isEqualTo("USER_DISABLED");
    assertThat(rejected.getUserId()).isEqualTo(ordering.order(id).userId());
    assertThat(rejected.getVersion()).isEqualTo(ordering.order(id).version()).isEqualTo(2);
    assertThat(ordering.sent(id, EVENTS))
        .containsExactly("ordering.OrderCreated", "ordering.OrderRejected");
  }

  @Test
  void a_refused_payment_rejects_the_order() throws Exception {
    OrderId id = ordering.checkout(basketCheckedOut());

    ordering.runSaga(
        id,
        Map.of(
            "payments.ConfirmPayment",
            new Conflict("PAYMENT_AMOUNT_MISMATCH", "15.00 is not the authorized 14.00")));

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(
            OrderRejected.parseFrom(ordering.last(id, "ordering.OrderRejected").payload())
                .getCode())
        .isEqualTo("PAYMENT_AMOUNT_MISMATCH");
    assertThat(ordering.sent(id, OrderingContract.COMMANDS)).isEmpty();
  }

  @Test
  void a_reply_delivered_twice_or_a_late_reply_to_an_earlier_step_moves_the_saga_once() {
    OrderId id = ordering.checkout(basketCheckedOut());
    Message authorize = ordering.last(id, "users.AuthorizeUser");
    Message authorized = CommandReplies.success(authorize);

    ordering.deliverReply(authorized);
    ordering.deliverReply(authorized);
    ordering.deliverReply(CommandReplies.success(authorize)); // another copy under a new id

    assertThat(ordering.sent(id, PaymentsContract.COMMANDS))
        .containsExactly("payments.ConfirmPayment");
    assertThat(ordering.saga(id).awaiting()).isEqualTo("payments.ConfirmPayment");
  }

  @Test
  void the_same_checkout_twice_makes_one_order_and_one_saga() {
    String basket = UUID.randomUUID().toString();
    Message checkout = basketCheckedOut(basket);

    OrderId id = ordering.checkout(checkout);
    ordering.deliverEvent(checkout);
    ordering.deliverEvent(basketCheckedOut(basket)); // redelivered by baskets under a new id

    assertThat(
            ordering
                .db()
                .number("SELECT count(*) FROM orders_view WHERE basket_id = '" + basket + "'"))
        .isEqualTo(1);
    assertThat(ordering.sent(id))
        .extracting(Message::name)
        .containsExactly("ordering.OrderCreated", "users.AuthorizeUser");
  }

  @Test
  void approving_twice_approves_once_and_answers_success_both_times() {
    OrderId id = ordering.checkout(basketCheckedOut());

    ordering.deliverCommand(approve(id));
    ordering.deliverCommand(approve(id));

    assertThat(ordering.sent(id, EVENTS))
        .containsExactly("ordering.OrderCreated", "ordering.OrderApproved");
    assertThat(replies(id))
        .extracting(CommandReply::getOutcome)
        .containsExactly(Outcome.OUTCOME_SUCCESS, Outcome.OUTCOME_SUCCESS);
  }

  @Test
  void an_order_canceled_while_its_saga_ran_is_not_approved_and_stays_canceled() {
    OrderId id = ordering.checkout(basketCheckedOut());
    ordering.app().cancelOrder(new CancelOrder(id)).await();

    ordering.runSaga(id);

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.CANCELED);
    assertThat(ordering.saga(id).outcome()).isEqualTo(SagaOutcome.COMPENSATED);
    assertThat(ordering.saga(id).failureCode()).isEqualTo("ORDER_NOT_PENDING");
    assertThat(ordering.sent(id, EVENTS))
        .containsExactly("ordering.OrderCreated", "ordering.OrderCanceled");
    // Payments confirmed before approval failed: the saga gives the money back.
    assertThat(ordering.sent(id, PaymentsContract.COMMANDS))
        .containsExactly("payments.ConfirmPayment", "payments.ReleasePayment");
  }

  @Test
  void reject_and_approve_refuse_an_order_that_is_not_pending_or_not_there() {
    OrderId id = ordering.checkout(basketCheckedOut());
    ordering.runSaga(id);

    ordering.deliverCommand(
        command(
            id.toString(),
            "ordering.RejectOrder",
            RejectOrder.newBuilder()
                .setOrderId(id.toString())
                .setReason("late")
                .build()
                .toByteArray()));
    ordering.deliverCommand(
        command(
            UUID.randomUUID().toString(),
            "ordering.ApproveOrder",
            ApproveOrder.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .build()
                .toByteArray()));

    assertThat(ordering.order(id).status()).isEqualTo(OrderStatus.APPROVED);
    assertThat(reply(id, 0).getCode()).isEqualTo("ORDER_NOT_PENDING");
  }

  @Test
  void a_malformed_order_id_in_a_command_is_order_not_found() {
    String sagaId = "saga-" + UUID.randomUUID();
    ordering.deliverCommand(
        command(
            sagaId,
            "ordering.ApproveOrder",
            ApproveOrder.newBuilder().setOrderId("order-42").build().toByteArray()));

    List<Message> answers = ordering.sent(sagaId);
    assertThat(answers).hasSize(1);
    assertThat(body(answers.get(0)).getOutcome()).isEqualTo(Outcome.OUTCOME_FAILURE);
    assertThat(body(answers.get(0)).getCode()).isEqualTo("ORDER_NOT_FOUND");
  }

  @Test
  void a_reply_to_a_saga_that_does_not_exist_fails_so_it_is_retried_and_dead_lettered() {
    Message stray =
        CommandReplies.success(
            command(UUID.randomUUID().toString(), "users.AuthorizeUser", new byte[0]));

    assertThatThrownBy(() -> ordering.deliverReply(stray))
        .hasMessageContaining("no create-order saga");
  }

  private Message approve(OrderId id) {
    return command(
        id.toString(),
        "ordering.ApproveOrder",
        ApproveOrder.newBuilder().setOrderId(id.toString()).build().toByteArray());
  }

  private static Message command(String sagaId, String name, byte[] body) {
    return Message.create(OrderingContract.COMMANDS, name, sagaId, body)
        .withMetadata(
            Map.of(
                Metadata.REPLY_TO,
                OrderingContract.CREATE_ORDER_REPLIES,
                Metadata.SAGA_ID,
                sagaId));
  }

  private List<CommandReply> replies(OrderId id) {
    return ordering.sent(id).stream()
        .filter(m -> m.topic().equals(OrderingContract.CREATE_ORDER_REPLIES))
        .map(CreateOrderSagaTest::body)
        .toList();
  }

  private CommandReply reply(OrderId id, int index) {
    return replies(id).get(index);
  }

  private static CommandReply body(Message reply) {
    try {
      return CommandReply.parseFrom(reply.payload());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}

package io.mallbots.ordering.adapters.saga;

import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.saga.SagaCommand;
import io.mallbots.core.saga.SagaDefinition;
import io.mallbots.core.saga.SagaOrchestrator;
import io.mallbots.core.saga.SagaState;
import io.mallbots.core.saga.SagaView;
import io.mallbots.ordering.application.CreateOrderSagas;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.application.commands.ApproveOrder;
import io.mallbots.ordering.application.commands.ChangeOrderHandler;
import io.mallbots.ordering.application.commands.RejectOrder;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.payments.v1.ConfirmPayment;
import io.mallbots.payments.v1.ReleasePayment;
import io.mallbots.users.v1.AuthorizeUser;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Objects;
import java.util.UUID;

/**
 * The create-order saga, orchestrated by the core's {@link SagaOrchestrator} (state in {@code saga_instances},
 * commands through the outbox, replies as messages), one saga per order with the order id as saga id:
 * <ol start="0">
 *   <li>compensation RejectOrder (ordering), with the failed step's reason and code;</li>
 *   <li>AuthorizeUser (users);</li>
 *   <li>ConfirmPayment of the order total (payments), compensated by ReleasePayment when a later step fails or
 *   payments' reply never comes (the confirmation may have happened);</li>
 *   <li>ApproveOrder (ordering).</li>
 * </ol>
 * Ordering's own steps are local: approving runs in the transaction of payments' reply, rejecting in that of
 * the failed step's reply, so an order takes two trips through the broker fewer than if ordering sent itself
 * commands. Replies arrive on {@link #REPLY_TOPIC}; subscribe {@link #handleReply} with the inbox, and have the
 * agent supervise {@link #orchestrator()} so that a step whose reply does not come is sent again, then given up.
 */
public final class CreateOrderSaga implements CreateOrderSagas {

  public static final String NAME = "create-order";
  public static final String REPLY_TOPIC = "mallbots.ordering.replies.CreateOrder";
  public static final String REPLY_GROUP = "ordering-create-order-replies";
  public static final String USERS_COMMANDS = "mallbots.users.commands";
  public static final String PAYMENTS_COMMANDS = "mallbots.payments.commands";

  private final ChangeOrderHandler orders;
  private final SagaOrchestrator<CreateOrderData> orchestrator;

  /** {@code orders} makes ordering's own steps: approving and rejecting the order. */
  public CreateOrderSaga(ChangeOrderHandler orders) {
    this.orders = orders;
    this.orchestrator = new SagaOrchestrator<>(SagaDefinition.<CreateOrderData>named(NAME, REPLY_TOPIC,
            CreateOrderData::encode, CreateOrderData::decode)
        .localCompensation("ordering.RejectOrder", this::rejectOrder)
        .action(CreateOrderSaga::authorizeUser)
        .step(CreateOrderSaga::confirmPayment, CreateOrderSaga::releasePayment)
        .localAction("ordering.ApproveOrder", this::approveOrder));
  }

  @Override
  public Future<Void> start(Tx tx, Order order) {
    return orchestrator.start(tx, order.id().toString(), CreateOrderData.of(order));
  }

  /** A reply from a step's service: moves the saga on, or turns it around. */
  public Future<Void> handleReply(Tx tx, Message reply) {
    return orchestrator.handleReply(tx, reply);
  }

  /** The orchestrator, for the agent to supervise its steps' timeouts. */
  public SagaOrchestrator<?> orchestrator() {
    return orchestrator;
  }

  /** Where the order's saga is, for tests and operators; {@code null} if the order has none. */
  public Future<SagaView<?>> find(SqlClient client, String orderId) {
    return orchestrator.find(client, orderId).map(view -> (SagaView<?>) view);
  }

  private Future<Void> rejectOrder(Tx tx, SagaState<CreateOrderData> saga) {
    return orders.handle(tx, new RejectOrder(orderId(saga), Objects.toString(saga.failureReason(), ""),
        Objects.toString(saga.failureCode(), "")));
  }

  private static SagaCommand authorizeUser(SagaState<CreateOrderData> saga) {
    return new SagaCommand(USERS_COMMANDS, "users.AuthorizeUser",
        AuthorizeUser.newBuilder().setUserId(saga.data().userId()).build().toByteArray());
  }

  /** Names the order's user: payments confirms only a payment that user authorized. */
  private static SagaCommand confirmPayment(SagaState<CreateOrderData> saga) {
    return new SagaCommand(PAYMENTS_COMMANDS, "payments.ConfirmPayment", ConfirmPayment.newBuilder()
        .setId(saga.data().paymentId()).setAmount(saga.data().total().toWire()).setOrderId(saga.data().orderId())
        .setUserId(saga.data().userId()).build().toByteArray());
  }

  private static SagaCommand releasePayment(SagaState<CreateOrderData> saga) {
    return new SagaCommand(PAYMENTS_COMMANDS, "payments.ReleasePayment", ReleasePayment.newBuilder()
        .setId(saga.data().paymentId()).setOrderId(saga.data().orderId()).build().toByteArray());
  }

  private Future<Void> approveOrder(Tx tx, SagaState<CreateOrderData> saga) {
    return orders.handle(tx, new ApproveOrder(orderId(saga)));
  }

  private static OrderId orderId(SagaState<CreateOrderData> saga) {
    return new OrderId(UUID.fromString(saga.data().orderId()));
  }
}

package io.mallbots.ordering.adapters.saga;

import io.mallbots.common.v1.MessageType;
import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.saga.SagaCommand;
import io.mallbots.core.saga.SagaDefinition;
import io.mallbots.core.saga.SagaOrchestrator;
import io.mallbots.core.saga.SagaState;
import io.mallbots.core.saga.SagaView;
import io.mallbots.ordering.application.CreateOrderSagas;
import io.mallbots.ordering.application.commands.ApproveOrder;
import io.mallbots.ordering.application.commands.ChangeOrderHandler;
import io.mallbots.ordering.application.commands.RejectOrder;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.payments.v1.ConfirmPayment;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.payments.v1.ReleasePayment;
import io.mallbots.users.v1.AuthorizeUser;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Objects;
import java.util.UUID;

/**
 * The create-order saga, orchestrated by the core's {@link SagaOrchestrator} (state in {@code
 * saga_instances}, commands through the outbox, replies as messages), one saga per order with the
 * order id as saga id:
 *
 * <ol start="0">
 *   <li>compensation RejectOrder (ordering), with the failed step's reason and code;
 *   <li>AuthorizeUser (users);
 *   <li>ConfirmPayment of the order total (payments), compensated by ReleasePayment when a later
 *       step fails or payments' reply never comes (the confirmation may have happened);
 *   <li>ApproveOrder (ordering).
 * </ol>
 *
 * Ordering's own steps are local: approving runs in the transaction of payments' reply, rejecting
 * in that of the failed step's reply, so an order takes two trips through the broker fewer than if
 * ordering sent itself commands. Replies arrive on {@link OrderingContract#CREATE_ORDER_REPLIES};
 * subscribe {@link #handleReply} with the inbox, and have the agent supervise {@link
 * #orchestrator()} so that a step whose reply does not come is sent again, then given up.
 */
public final class CreateOrderSaga implements CreateOrderSagas {

  public static final String NAME = "create-order";
  public static final String REPLY_GROUP = "ordering-create-order-replies";

  private final ChangeOrderHandler orders;
  private final SagaOrchestrator<CreateOrderData> orchestrator;

  /** {@code orders} makes ordering's own steps: approving and rejecting the order. */
  public CreateOrderSaga(ChangeOrderHandler orders) {
    this.orders = orders;
    this.orchestrator =
        new SagaOrchestrator<>(
            SagaDefinition.<CreateOrderData>named(
                    NAME,
                    OrderingContract.CREATE_ORDER_REPLIES,
                    CreateOrderData::encode,
                    CreateOrderData::decode)
                .localCompensation(OrderingContract.REJECT_ORDER.name(), this::rejectOrder)
                .action(CreateOrderSaga::authorizeUser)
                .step(CreateOrderSaga::confirmPayment, CreateOrderSaga::releasePayment)
                .localAction(OrderingContract.APPROVE_ORDER.name(), this::approveOrder));
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
    return orders.handle(
        tx,
        new RejectOrder(
            orderId(saga),
            Objects.toString(saga.failureReason(), ""),
            Objects.toString(saga.failureCode(), "")));
  }

  private static SagaCommand authorizeUser(SagaState<CreateOrderData> saga) {
    return command(
        UsersContract.AUTHORIZE_USER,
        AuthorizeUser.newBuilder().setUserId(saga.data().userId()).build());
  }

  /** Names the order's user: payments confirms only a payment that user authorized. */
  private static SagaCommand confirmPayment(SagaState<CreateOrderData> saga) {
    return command(
        PaymentsContract.CONFIRM_PAYMENT,
        ConfirmPayment.newBuilder()
            .setId(saga.data().paymentId())
            .setAmount(saga.data().total().toWire())
            .setOrderId(saga.data().orderId())
            .setUserId(saga.data().userId())
            .build());
  }

  private static SagaCommand releasePayment(SagaState<CreateOrderData> saga) {
    return command(
        PaymentsContract.RELEASE_PAYMENT,
        ReleasePayment.newBuilder()
            .setId(saga.data().paymentId())
            .setOrderId(saga.data().orderId())
            .build());
  }

  /**
   * Sent on the contract's command topic under its name; the payload's type is the one the contract
   * gives it.
   */
  private static <T extends com.google.protobuf.Message> SagaCommand command(
      MessageType<T> type, T payload) {
    return new SagaCommand(type.topic(), type.name(), payload.toByteArray());
  }

  private Future<Void> approveOrder(Tx tx, SagaState<CreateOrderData> saga) {
    return orders.handle(tx, new ApproveOrder(orderId(saga)));
  }

  private static OrderId orderId(SagaState<CreateOrderData> saga) {
    return new OrderId(UUID.fromString(saga.data().orderId()));
  }
}

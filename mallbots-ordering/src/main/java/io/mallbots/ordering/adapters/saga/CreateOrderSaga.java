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
import io.mallbots.ordering.v1.ApproveOrder;
import io.mallbots.ordering.v1.RejectOrder;
import io.mallbots.payments.v1.ConfirmPayment;
import io.mallbots.users.v1.AuthorizeUser;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * The create-order saga, orchestrated by the core's {@link SagaOrchestrator} (state in {@code saga_instances},
 * commands through the outbox, replies as messages), one saga per order with the order id as saga id:
 * <ol start="0">
 *   <li>compensation RejectOrder (ordering), with the failed step's reason and code;</li>
 *   <li>AuthorizeUser (users);</li>
 *   <li>ConfirmPayment of the order total (payments);</li>
 *   <li>ApproveOrder (ordering).</li>
 * </ol>
 * Replies arrive on {@link #REPLY_TOPIC}; subscribe {@link #handleReply} with the inbox.
 */
public final class CreateOrderSaga implements CreateOrderSagas {

  public static final String NAME = "create-order";
  public static final String REPLY_TOPIC = "mallbots.ordering.replies.CreateOrder";
  public static final String REPLY_GROUP = "ordering-create-order-replies";
  public static final String ORDERING_COMMANDS = "mallbots.ordering.commands";
  public static final String USERS_COMMANDS = "mallbots.users.commands";
  public static final String PAYMENTS_COMMANDS = "mallbots.payments.commands";

  private static final SagaDefinition<CreateOrderData> DEFINITION = SagaDefinition.<CreateOrderData>named(NAME,
          REPLY_TOPIC, CreateOrderData::encode, CreateOrderData::decode)
      .compensation(CreateOrderSaga::rejectOrder)
      .action(CreateOrderSaga::authorizeUser)
      .action(CreateOrderSaga::confirmPayment)
      .action(CreateOrderSaga::approveOrder);

  private final SagaOrchestrator<CreateOrderData> orchestrator = new SagaOrchestrator<>(DEFINITION);

  @Override
  public Future<Void> start(Tx tx, Order order) {
    return orchestrator.start(tx, order.id().toString(), CreateOrderData.of(order));
  }

  /** A reply from a step's service: moves the saga on, or turns it around. */
  public Future<Void> handleReply(Tx tx, Message reply) {
    return orchestrator.handleReply(tx, reply);
  }

  /** Where the order's saga is, for tests and operators; {@code null} if the order has none. */
  public Future<SagaView<?>> find(SqlClient client, String orderId) {
    return orchestrator.find(client, orderId).map(view -> (SagaView<?>) view);
  }

  private static SagaCommand rejectOrder(SagaState<CreateOrderData> saga) {
    RejectOrder.Builder body = RejectOrder.newBuilder().setOrderId(saga.data().orderId());
    if (saga.failureReason() != null) {
      body.setReason(saga.failureReason());
    }
    if (saga.failureCode() != null) {
      body.setCode(saga.failureCode());
    }
    return new SagaCommand(ORDERING_COMMANDS, "ordering.RejectOrder", body.build().toByteArray());
  }

  private static SagaCommand authorizeUser(SagaState<CreateOrderData> saga) {
    return new SagaCommand(USERS_COMMANDS, "users.AuthorizeUser",
        AuthorizeUser.newBuilder().setUserId(saga.data().userId()).build().toByteArray());
  }

  private static SagaCommand confirmPayment(SagaState<CreateOrderData> saga) {
    return new SagaCommand(PAYMENTS_COMMANDS, "payments.ConfirmPayment", ConfirmPayment.newBuilder()
        .setId(saga.data().paymentId()).setAmount(saga.data().total().toWire()).setOrderId(saga.data().orderId())
        .build().toByteArray());
  }

  private static SagaCommand approveOrder(SagaState<CreateOrderData> saga) {
    return new SagaCommand(ORDERING_COMMANDS, "ordering.ApproveOrder",
        ApproveOrder.newBuilder().setOrderId(saga.data().orderId()).build().toByteArray());
  }
}

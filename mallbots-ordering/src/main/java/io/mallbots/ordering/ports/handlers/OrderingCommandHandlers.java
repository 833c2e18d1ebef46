package io.mallbots.ordering.ports.handlers;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.inbox.DispatchingHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Payloads;
import io.mallbots.ordering.application.OrderingApplication;
import io.mallbots.ordering.application.commands.ApproveOrder;
import io.mallbots.ordering.application.commands.RejectOrder;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.ports.OrderingWire;
import io.mallbots.ordering.v1.OrderingContract;
import io.vertx.core.Future;

/**
 * The saga commands ordering answers (commands.proto), on {@link OrderingContract#COMMANDS}:
 * ApproveOrder and RejectOrder, both harmless when the order is already where they want it.
 * Ordering's own create-order saga approves and rejects locally now; these stay for the contract
 * and for sagas an earlier version started. Registered with {@code agent.handleCommands}: the
 * effect runs once, a rejection (ORDER_NOT_FOUND, ORDER_NOT_PENDING) becomes a failure reply with
 * its code. Called on the service verticle's event loop, inside the command's transaction.
 */
public final class OrderingCommandHandlers extends DispatchingHandler {

  public static final String GROUP = "ordering-commands";

  private final OrderingApplication app;

  public OrderingCommandHandlers(OrderingApplication app) {
    this.app = app;
  }

  @Override
  protected Future<Void> dispatch(Tx tx, Message command) {
    return switch (command.name()) {
      case OrderingContract.Names.APPROVE_ORDER -> {
        var body = Payloads.parse(OrderingContract.APPROVE_ORDER, command);
        yield app.approveOrder(tx, new ApproveOrder(orderId(body.getOrderId())));
      }
      case OrderingContract.Names.REJECT_ORDER -> {
        var body = Payloads.parse(OrderingContract.REJECT_ORDER, command);
        yield app.rejectOrder(
            tx, new RejectOrder(orderId(body.getOrderId()), body.getReason(), body.getCode()));
      }
      default -> throw new Invalid("UNKNOWN_COMMAND", "ordering does not handle " + command.name());
    };
  }

  /** The saga only needs to know that no such order exists, whatever the id looks like. */
  private static OrderId orderId(String wire) {
    try {
      return OrderingWire.orderId(wire, "order_id");
    } catch (Invalid notAnId) {
      throw new NotFound("ORDER_NOT_FOUND", "no order '" + wire + "'");
    }
  }
}

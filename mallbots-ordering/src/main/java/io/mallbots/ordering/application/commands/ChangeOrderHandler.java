package io.mallbots.ordering.application.commands;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.NotFound;
import io.mallbots.ordering.application.DomainEvents;
import io.mallbots.ordering.application.Orders;
import io.mallbots.ordering.application.queries.OrderViews;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * Runs any {@link OrderChange} in the caller's transaction: loads the order from its stream, lets
 * the domain decide, and records the events (none when the order is already where the command wants
 * it).
 */
public final class ChangeOrderHandler {

  private final Orders orders;
  private final OrderJournal journal;

  public ChangeOrderHandler(Orders orders, OrderViews views, DomainEvents events) {
    this.orders = orders;
    this.journal = new OrderJournal(orders, views, events);
  }

  public Future<Void> handle(Tx tx, OrderChange command) {
    return orders
        .load(tx, command.orderId())
        .compose(
            found -> {
              Order order =
                  found.orElseThrow(
                      () ->
                          new NotFound("ORDER_NOT_FOUND", "no order with id " + command.orderId()));
              List<OrderEvent> happened = command.decide(order);
              if (happened.isEmpty()) {
                return Future.succeededFuture();
              }
              return journal.record(tx, order.version(), happened, order.applyAll(happened));
            });
  }
}

package io.mallbots.ordering.application.commands;

import io.mallbots.core.db.Tx;
import io.mallbots.ordering.application.DomainEvents;
import io.mallbots.ordering.application.Orders;
import io.mallbots.ordering.application.queries.OrderView;
import io.mallbots.ordering.application.queries.OrderViews;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * Records what happened to an order, all in the caller's transaction: the events in its stream (the
 * optimistic concurrency check), the read table, and the outbox.
 */
final class OrderJournal {

  private final Orders orders;
  private final OrderViews views;
  private final DomainEvents events;

  OrderJournal(Orders orders, OrderViews views, DomainEvents events) {
    this.orders = orders;
    this.views = views;
    this.events = events;
  }

  Future<Void> record(Tx tx, int loadedVersion, List<OrderEvent> happened, Order after) {
    return orders
        .append(tx, loadedVersion, happened, after)
        .compose(v -> views.project(tx, OrderView.of(after)))
        .compose(v -> events.publish(tx, after, happened));
  }
}

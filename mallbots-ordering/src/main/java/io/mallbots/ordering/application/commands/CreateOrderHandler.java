package io.mallbots.ordering.application.commands;

import io.mallbots.core.async.Futures;
import io.mallbots.core.db.Tx;
import io.mallbots.ordering.application.CreateOrderSagas;
import io.mallbots.ordering.application.DomainEvents;
import io.mallbots.ordering.application.Orders;
import io.mallbots.ordering.application.queries.OrderViews;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderCreated;
import io.mallbots.ordering.domain.OrderId;
import io.vertx.core.Future;
import java.util.List;

/**
 * Creates a PENDING order under a new id and starts its create-order saga, in the caller's
 * transaction. A basket makes at most one order: for a basket that has one already, nothing happens
 * and its id is the answer.
 */
public final class CreateOrderHandler {

  private final Orders orders;
  private final OrderJournal journal;
  private final CreateOrderSagas sagas;

  public CreateOrderHandler(
      Orders orders, OrderViews views, DomainEvents events, CreateOrderSagas sagas) {
    this.orders = orders;
    this.journal = new OrderJournal(orders, views, events);
    this.sagas = sagas;
  }

  public Future<OrderId> handle(Tx tx, CreateOrder command) {
    return Futures.attempt(
            () ->
                Order.create(
                    OrderId.random(),
                    command.userId(),
                    command.paymentId(),
                    command.items(),
                    command.basketId()))
        .compose(
            created ->
                owner(tx, created)
                    .compose(
                        id -> {
                          if (!id.equals(created.orderId())) {
                            return Future.succeededFuture(id);
                          }
                          Order order = Order.created(created);
                          return journal
                              .record(tx, 0, List.of(created), order)
                              .compose(v -> sagas.start(tx, order))
                              .map(id);
                        }));
  }

  private Future<OrderId> owner(Tx tx, OrderCreated created) {
    return created.basketId() == null
        ? Future.succeededFuture(created.orderId())
        : orders.orderOfBasket(tx, created.basketId(), created.orderId());
  }
}

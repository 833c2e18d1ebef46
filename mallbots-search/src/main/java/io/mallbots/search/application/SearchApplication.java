package io.mallbots.search.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.search.application.commands.ChangeOrderStatus;
import io.mallbots.search.application.commands.RecordName;
import io.mallbots.search.application.commands.RecordOrder;
import io.mallbots.search.application.queries.GetOrder;
import io.mallbots.search.application.queries.SearchOrders;
import io.mallbots.search.domain.OrderItem;
import io.mallbots.search.domain.OrderPage;
import io.mallbots.search.domain.OrderPlaced;
import io.mallbots.search.domain.OrderView;
import io.vertx.core.Future;

/**
 * The search service's use cases. The commands keep the read model from other services' events,
 * each in the transaction of the event that caused it; names and orders may arrive in any order, so
 * an order takes the names already known and a name reaches the orders already recorded. The
 * queries read outside transactions. Called on the service verticle's event loop.
 */
public final class SearchApplication {

  private final Orders orders;
  private final Names names;

  public SearchApplication(Orders orders, Names names) {
    this.orders = orders;
    this.names = names;
  }

  /** Records the order under the names known now; a second OrderCreated for it changes nothing. */
  public Future<Void> recordOrder(Tx tx, RecordOrder command) {
    OrderPlaced order = command.order();
    return names
        .known(
            tx,
            order.userId(),
            order.items().stream().map(OrderItem::storeId).toList(),
            order.items().stream().map(OrderItem::productId).toList())
        .compose(known -> orders.record(tx, OrderView.placed(order, known), command.version()))
        .mapEmpty();
  }

  public Future<Void> changeOrderStatus(Tx tx, ChangeOrderStatus command) {
    return orders.advance(tx, command.orderId(), command.status(), command.version());
  }

  /**
   * Keeps the name for orders to come and, when it changed, gives it to the orders recorded
   * already.
   */
  public Future<Void> recordName(Tx tx, RecordName command) {
    return names
        .remember(
            tx, command.owner(), command.id(), command.name(), command.renamed(), command.version())
        .compose(
            changed ->
                changed
                    ? orders.rename(tx, command.owner(), command.id(), command.name())
                    : Future.succeededFuture());
  }

  public Future<OrderPage> searchOrders(SearchOrders query) {
    if (!query.actor().mayActFor(query.search().filters().userId().orElse(""))) {
      return Future.failedFuture(
          new PermissionDenied(
              "a shopper searches only their own orders: set filters.user_id to your user id"));
    }
    return orders.search(query.search());
  }

  public Future<OrderView> getOrder(GetOrder query) {
    return orders
        .find(query.orderId())
        .map(
            found -> {
              OrderView order =
                  found.orElseThrow(
                      () -> new NotFound("ORDER_NOT_FOUND", "no order with id " + query.orderId()));
              query.actor().ensureMayActFor(order.userId(), "order " + query.orderId());
              return order;
            });
  }
}

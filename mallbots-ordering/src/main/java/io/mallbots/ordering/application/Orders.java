package io.mallbots.ordering.application;

import io.mallbots.core.db.Tx;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The orders as event streams (the command side). Loading rebuilds an order from its latest
 * snapshot and the events after it; appending adds events after the version the order was loaded
 * at, and fails with {@link ConcurrentOrderChange} when another writer got there first.
 */
public interface Orders {

  /** The order as its history makes it now; empty if it has none. */
  Future<Optional<Order>> load(Tx tx, OrderId id);

  /**
   * Appends {@code events} as versions {@code expectedVersion + 1...}; {@code after} is the order
   * they make, snapshotted when the stream crosses a multiple of the snapshot interval.
   */
  Future<Void> append(Tx tx, int expectedVersion, List<OrderEvent> events, Order after);

  /**
   * Ties {@code basketId} to {@code orderId} unless it is tied to an order already; the order the
   * basket is tied to after the call.
   */
  Future<OrderId> orderOfBasket(Tx tx, String basketId, OrderId orderId);
}

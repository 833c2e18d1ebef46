package io.mallbots.ordering.application.queries;

import io.mallbots.core.db.Tx;
import io.mallbots.ordering.domain.OrderId;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The read table of orders. The command side projects each change into it in the transaction that
 * appends the events; queries read it outside transactions and never touch the event streams.
 */
public interface OrderViews {

  /** Writes the view; an older version never overwrites a newer one. */
  Future<Void> project(Tx tx, OrderView view);

  Future<Optional<OrderView>> find(OrderId id);
}

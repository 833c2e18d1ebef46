package io.mallbots.search.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.db.Versions;
import io.mallbots.search.domain.NameOwner;
import io.mallbots.search.domain.OrderPage;
import io.mallbots.search.domain.OrderSearch;
import io.mallbots.search.domain.OrderStatus;
import io.mallbots.search.domain.OrderView;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The searchable orders: the read model. Writes join the caller's transaction; reads run outside
 * one.
 */
public interface Orders {

  /**
   * Records a placed order at {@code version} (the order's version in ordering, {@link
   * Versions#UNKNOWN} if not known), completing the placeholder a status event may have left (whose
   * status and newer version it keeps). Succeeds with {@code false}, changing nothing, when the
   * order was recorded already.
   */
  Future<Boolean> record(Tx tx, OrderView order, long version);

  /** As {@link #record(Tx, OrderView, long)}, the version unknown. */
  default Future<Boolean> record(Tx tx, OrderView order) {
    return record(tx, order, Versions.UNKNOWN);
  }

  /**
   * Moves the order to {@code status} if that is a step forward ({@link OrderStatus#advances}) and
   * {@code version} is newer than the one the row holds ({@link Versions#newer}; unknown applies);
   * an order not recorded yet gets a placeholder holding the status until its OrderCreated arrives.
   */
  Future<Void> advance(Tx tx, String orderId, OrderStatus status, long version);

  /** As {@link #advance(Tx, String, OrderStatus, long)}, the version unknown. */
  default Future<Void> advance(Tx tx, String orderId, OrderStatus status) {
    return advance(tx, orderId, status, Versions.UNKNOWN);
  }

  /**
   * Gives every recorded order (or item) of the user, store or product {@code id} the name {@code
   * name}.
   */
  Future<Void> rename(Tx tx, NameOwner owner, String id, String name);

  /** The recorded order; empty for an unknown order or a placeholder. */
  Future<Optional<OrderView>> find(String orderId);

  /** One page of the recorded orders matching the search, newest first. */
  Future<OrderPage> search(OrderSearch search);
}

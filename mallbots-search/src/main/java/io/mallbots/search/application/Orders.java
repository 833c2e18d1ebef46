package io.mallbots.search.application;

import io.mallbots.core.db.Tx;
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
   * Records a placed order, completing the placeholder a status event may have left (whose status
   * it keeps). Succeeds with {@code false}, changing nothing, when the order was recorded already.
   */
  Future<Boolean> record(Tx tx, OrderView order);

  /**
   * Moves the order to {@code status} if that is a step forward ({@link OrderStatus#advances}); an
   * order not recorded yet gets a placeholder holding the status until its OrderCreated arrives.
   */
  Future<Void> advance(Tx tx, String orderId, OrderStatus status);

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

package io.mallbots.baskets.application;

import io.mallbots.baskets.domain.basket.Basket;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.core.db.Tx;
import io.vertx.core.Future;

/** Every basket with its items. Lookups of a missing basket fail with {@code NotFound}. */
public interface Baskets {

  Future<Void> add(Tx tx, Basket basket);

  /** Writes what changed from {@code before}, the basket as {@link #lock} read it, to {@code after}. */
  Future<Void> save(Tx tx, Basket before, Basket after);

  /** The basket, locked against concurrent changes until {@code tx} ends. */
  Future<Basket> lock(Tx tx, BasketId id);

  Future<Basket> find(BasketId id);
}

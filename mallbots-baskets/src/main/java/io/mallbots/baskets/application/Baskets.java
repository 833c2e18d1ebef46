package io.mallbots.baskets.application;

import io.mallbots.baskets.domain.basket.Basket;
import io.mallbots.baskets.domain.basket.BasketEvent;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Every basket with its items: the repository port. Adding or saving a change also records the
 * events it raised, in the same {@link Tx}. {@link #lock} of a missing basket fails with {@link
 * #notFound}.
 */
public interface Baskets {

  Future<Void> add(Tx tx, Changed<Basket, BasketEvent> started);

  /**
   * Writes what changed from {@code before}, the basket as {@link #lock} read it, to the basket
   * after {@code change}.
   */
  Future<Void> save(Tx tx, Basket before, Changed<Basket, BasketEvent> change);

  /**
   * The basket, locked against concurrent changes until {@code tx} ends; NotFound if there is none.
   */
  Future<Basket> lock(Tx tx, BasketId id);

  Future<Optional<Basket>> find(BasketId id);

  /** How a missing basket is refused, by the repository and the use cases alike. */
  static NotFound notFound(BasketId id) {
    return new NotFound("BASKET_NOT_FOUND", "no basket with id " + id);
  }
}

package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.core.domain.Actor;

public record CancelBasket(BasketId basketId, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public CancelBasket(BasketId basketId) {
    this(basketId, Actor.ANYONE);
  }
}

package io.mallbots.baskets.application.queries;

import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.core.domain.Actor;

public record GetBasket(BasketId basketId, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public GetBasket(BasketId basketId) {
    this(basketId, Actor.ANYONE);
  }
}

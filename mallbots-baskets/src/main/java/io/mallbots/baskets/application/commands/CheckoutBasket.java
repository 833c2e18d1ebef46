package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.core.domain.Actor;

public record CheckoutBasket(BasketId basketId, String paymentId, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public CheckoutBasket(BasketId basketId, String paymentId) {
    this(basketId, paymentId, Actor.ANYONE);
  }
}

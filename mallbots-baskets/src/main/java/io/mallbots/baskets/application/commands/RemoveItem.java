package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Required;

public record RemoveItem(BasketId basketId, ProductId productId, int quantity, Actor actor) {

  public RemoveItem {
    Required.quantity(quantity);
  }

  /** As asked by another service (or anyone in dev mode). */
  public RemoveItem(BasketId basketId, ProductId productId, int quantity) {
    this(basketId, productId, quantity, Actor.ANYONE);
  }
}

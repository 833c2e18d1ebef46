package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Required;

/**
 * Checks the quantity at once, so a bad one is refused before stores is asked about the product.
 */
public record AddItem(BasketId basketId, ProductId productId, int quantity, Actor actor) {

  public AddItem {
    Required.quantity(quantity);
  }

  /** As asked by another service (or anyone in dev mode). */
  public AddItem(BasketId basketId, ProductId productId, int quantity) {
    this(basketId, productId, quantity, Actor.ANYONE);
  }
}

package io.mallbots.stores.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Money;
import io.mallbots.stores.domain.product.ProductId;

/** Lower a product's price to {@code price} (the new price, not a delta). */
public record DecreaseProductPrice(ProductId productId, Money price, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public DecreaseProductPrice(ProductId productId, Money price) {
    this(productId, price, Actor.ANYONE);
  }
}

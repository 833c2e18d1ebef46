package io.mallbots.stores.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Money;
import io.mallbots.stores.domain.product.ProductId;

/** Raise a product's price to {@code price} (the new price, not a delta). */
public record IncreaseProductPrice(ProductId productId, Money price, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public IncreaseProductPrice(ProductId productId, Money price) {
    this(productId, price, Actor.ANYONE);
  }
}

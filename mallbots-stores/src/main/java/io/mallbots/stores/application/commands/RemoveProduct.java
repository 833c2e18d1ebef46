package io.mallbots.stores.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.stores.domain.product.ProductId;

public record RemoveProduct(ProductId productId, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public RemoveProduct(ProductId productId) {
    this(productId, Actor.ANYONE);
  }
}

package io.mallbots.stores.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.stores.domain.product.ProductId;

public record RebrandProduct(ProductId productId, String name, String description, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public RebrandProduct(ProductId productId, String name, String description) {
    this(productId, name, description, Actor.ANYONE);
  }
}

package io.mallbots.stores.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Money;
import io.mallbots.stores.domain.store.StoreId;

public record AddProduct(
    StoreId storeId, String name, String description, String sku, Money price, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public AddProduct(StoreId storeId, String name, String description, String sku, Money price) {
    this(storeId, name, description, sku, price, Actor.ANYONE);
  }
}

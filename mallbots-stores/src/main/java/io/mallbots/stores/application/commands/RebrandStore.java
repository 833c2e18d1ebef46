package io.mallbots.stores.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.stores.domain.store.StoreId;

public record RebrandStore(StoreId storeId, String name, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public RebrandStore(StoreId storeId, String name) {
    this(storeId, name, Actor.ANYONE);
  }
}

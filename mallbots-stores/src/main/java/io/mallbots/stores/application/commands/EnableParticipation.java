package io.mallbots.stores.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.stores.domain.store.StoreId;

public record EnableParticipation(StoreId storeId, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public EnableParticipation(StoreId storeId) {
    this(storeId, Actor.ANYONE);
  }
}

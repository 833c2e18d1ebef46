package io.mallbots.stores.application.commands;

import io.mallbots.core.domain.Actor;

/** Open a store; {@code ownerId} may be empty. */
public record CreateStore(String name, String location, String ownerId, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public CreateStore(String name, String location, String ownerId) {
    this(name, location, ownerId, Actor.ANYONE);
  }
}

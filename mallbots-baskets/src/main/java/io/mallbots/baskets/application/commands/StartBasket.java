package io.mallbots.baskets.application.commands;

import io.mallbots.core.domain.Actor;

public record StartBasket(String userId, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public StartBasket(String userId) {
    this(userId, Actor.ANYONE);
  }
}

package io.mallbots.search.application.queries;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Invalid;

/** One order by its id (ordering's). */
public record GetOrder(String orderId, Actor actor) {

  public GetOrder {
    if (orderId == null || orderId.isBlank()) {
      throw new Invalid("id is required");
    }
  }

  /** As asked by another service (or anyone in dev mode). */
  public GetOrder(String orderId) {
    this(orderId, Actor.ANYONE);
  }
}

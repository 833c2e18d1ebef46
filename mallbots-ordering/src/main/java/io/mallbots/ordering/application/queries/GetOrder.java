package io.mallbots.ordering.application.queries;

import io.mallbots.core.domain.Actor;
import io.mallbots.ordering.domain.OrderId;

public record GetOrder(OrderId orderId, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public GetOrder(OrderId orderId) {
    this(orderId, Actor.ANYONE);
  }
}

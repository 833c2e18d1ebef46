package io.mallbots.ordering.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import java.util.List;

public record CancelOrder(OrderId orderId, Actor actor) implements OrderChange {

  @Override
  public List<OrderEvent> decide(Order order) {
    actor.ensureMayActFor(order.userId(), "order " + order.id());
    return order.cancel();
  }

  /** As asked by another service (or anyone in dev mode). */
  public CancelOrder(OrderId orderId) {
    this(orderId, Actor.ANYONE);
  }
}

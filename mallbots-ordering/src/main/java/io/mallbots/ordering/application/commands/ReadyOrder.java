package io.mallbots.ordering.application.commands;

import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.StoreKeeper;
import java.util.List;

public record ReadyOrder(OrderId orderId, StoreKeeper keeper) implements OrderChange {

  @Override
  public List<OrderEvent> decide(Order order) {
    keeper.ensureKeeps(order);
    return order.ready();
  }

  /** As another service (or anyone in dev mode) asks it. */
  public ReadyOrder(OrderId orderId) {
    this(orderId, StoreKeeper.ANYONE);
  }
}

package io.mallbots.ordering.application.commands;

import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import java.util.List;

public record CancelOrder(OrderId orderId) implements OrderChange {

  @Override
  public List<OrderEvent> decide(Order order) {
    return order.cancel();
  }
}

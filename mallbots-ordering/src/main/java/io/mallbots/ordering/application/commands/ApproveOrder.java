package io.mallbots.ordering.application.commands;

import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import java.util.List;

/** The create-order saga's last step. */
public record ApproveOrder(OrderId orderId) implements OrderChange {

  @Override
  public List<OrderEvent> decide(Order order) {
    return order.approve();
  }
}

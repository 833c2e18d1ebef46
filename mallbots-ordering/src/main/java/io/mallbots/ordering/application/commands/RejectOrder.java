package io.mallbots.ordering.application.commands;

import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import java.util.List;

/**
 * The create-order saga's compensation: {@code reason} and {@code code} say which step failed and
 * why.
 */
public record RejectOrder(OrderId orderId, String reason, String code) implements OrderChange {

  @Override
  public List<OrderEvent> decide(Order order) {
    return order.reject(reason, code);
  }
}

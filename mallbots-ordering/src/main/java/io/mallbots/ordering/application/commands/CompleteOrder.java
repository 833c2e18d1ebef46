package io.mallbots.ordering.application.commands;

import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import java.util.List;

/** Complete the order against its paid invoice (the CompleteOrder RPC, or payments' InvoicePaid). */
public record CompleteOrder(OrderId orderId, String invoiceId) implements OrderChange {

  @Override
  public List<OrderEvent> decide(Order order) {
    return order.complete(invoiceId);
  }
}

package io.mallbots.ordering.application.commands;

import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.PaidInvoice;
import java.util.List;

/**
 * Payments' InvoicePaid: the order completes if the invoice pays it (see {@link
 * Order#complete(PaidInvoice)}).
 */
public record SettleOrder(PaidInvoice paid) implements OrderChange {

  @Override
  public OrderId orderId() {
    return paid.orderId();
  }

  @Override
  public List<OrderEvent> decide(Order order) {
    return order.complete(paid);
  }
}

package io.mallbots.ordering.application.commands;

import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.StoreKeeper;
import java.util.List;

/**
 * The CompleteOrder RPC: complete the order against the paid invoice payments reported
 * (InvoicePaid).
 */
public record CompleteOrder(OrderId orderId, String invoiceId, StoreKeeper keeper)
    implements OrderChange {

  @Override
  public List<OrderEvent> decide(Order order) {
    keeper.ensureKeeps(order);
    return order.complete(invoiceId);
  }

  /** As another service (or anyone in dev mode) asks it. */
  public CompleteOrder(OrderId orderId, String invoiceId) {
    this(orderId, invoiceId, StoreKeeper.ANYONE);
  }
}

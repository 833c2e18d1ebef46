package io.mallbots.ordering.application.commands;

import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import java.util.List;

/** A command to an existing order: which order, and which of its rules decides what happens. */
public sealed interface OrderChange
    permits CancelOrder, ReadyOrder, CompleteOrder, SettleOrder, ApproveOrder, RejectOrder {

  OrderId orderId();

  /** The events that happen when the order as it is now takes this command; throws a rejection. */
  List<OrderEvent> decide(Order order);
}

package io.mallbots.ordering.application.queries;

import io.mallbots.core.domain.Money;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.OrderStatus;
import java.util.List;

/**
 * An order as the query side shows it: a row of {@code orders_view}.
 *
 * @param basketId {@code null} for an order made without a basket
 * @param invoiceId the paid invoice; {@code null} until payments reported it paid (normally as the
 *     order completes)
 */
public record OrderView(
    OrderId id,
    String userId,
    String paymentId,
    String basketId,
    OrderStatus status,
    String invoiceId,
    Money total,
    List<Item> items,
    int version) {

  public OrderView {
    items = List.copyOf(items);
  }

  /** The view of the order as its events made it. */
  public static OrderView of(Order order) {
    return new OrderView(
        order.id(),
        order.userId(),
        order.paymentId(),
        order.basketId(),
        order.status(),
        order.invoiceId(),
        order.total(),
        order.items(),
        order.version());
  }
}

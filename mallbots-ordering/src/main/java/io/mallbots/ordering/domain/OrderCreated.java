package io.mallbots.ordering.domain;

import java.util.List;
import java.util.Objects;

/**
 * An order was placed, PENDING.
 *
 * @param basketId the basket it came from; {@code null} for an order made without a basket
 */
public record OrderCreated(
    OrderId orderId,
    String userId,
    String paymentId,
    List<Item> items,
    io.mallbots.core.domain.Money total,
    String basketId)
    implements OrderEvent {

  public OrderCreated {
    Objects.requireNonNull(orderId, "orderId");
    items = List.copyOf(items);
  }
}

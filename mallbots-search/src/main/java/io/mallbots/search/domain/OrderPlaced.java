package io.mallbots.search.domain;

import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Required;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Ordering created an order (its OrderCreated), as search takes it in.
 *
 * @param createdAt when ordering created it (the event's occurred-at)
 */
public record OrderPlaced(
    String orderId, String userId, List<OrderItem> items, Money total, Instant createdAt) {

  public OrderPlaced {
    Required.text(orderId, "order id");
    Required.text(userId, "user_id");
    items = List.copyOf(items);
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}

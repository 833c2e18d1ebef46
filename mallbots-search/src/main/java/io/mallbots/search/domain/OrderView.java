package io.mallbots.search.domain;

import io.mallbots.core.domain.Money;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One order as search shows it: denormalised, with the user's and the items' names.
 *
 * @param userName empty until search has heard of the user
 * @param createdAt to the microsecond, the precision it is stored and paged with
 */
public record OrderView(
    String orderId,
    String userId,
    String userName,
    List<OrderItem> items,
    Money total,
    OrderStatus status,
    Instant createdAt) {

  public OrderView {
    items = List.copyOf(items);
    createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A newly placed order, PENDING, named with what search already knows (else with the event's
   * names).
   */
  public static OrderView placed(OrderPlaced order, KnownNames names) {
    return new OrderView(
        order.orderId(),
        order.userId(),
        names.user().orElse(""),
        order.items().stream().map(item -> item.named(names)).toList(),
        order.total(),
        OrderStatus.PENDING,
        order.createdAt());
  }

  /** Where it stands in the newest-first order of search results. */
  public PageCursor position() {
    return new PageCursor(createdAt, orderId);
  }
}

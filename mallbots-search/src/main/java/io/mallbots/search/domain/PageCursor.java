package io.mallbots.search.domain;

import io.mallbots.core.domain.PagePosition;
import io.mallbots.core.domain.Required;
import java.time.Instant;

/**
 * Where a page of search results ends: the (created_at, order_id) of its last order, as core's
 * opaque {@link PagePosition} bound to the filters it was made for. A cursor from a search with
 * other filters is refused.
 */
public record PageCursor(Instant createdAt, String orderId) {

  public PageCursor {
    createdAt = new PagePosition(createdAt, Required.text(orderId, "cursor order id")).at();
  }

  /** The opaque {@code next} of a page searched with {@code filters}. */
  public String encode(OrderFilters filters) {
    return new PagePosition(createdAt, orderId).encode(filters.canonical());
  }

  /** The cursor in {@code next}, which must come from a search with the same {@code filters}. */
  public static PageCursor decode(String next, OrderFilters filters) {
    PagePosition position =
        PagePosition.decode(
            next,
            filters.canonical(),
            "next belongs to a search with other filters: send the filters it was given with");
    return new PageCursor(position.at(), position.key());
  }
}

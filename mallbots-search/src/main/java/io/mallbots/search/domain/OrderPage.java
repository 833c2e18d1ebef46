package io.mallbots.search.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of search results, newest first, with where the next page starts (none after the last).
 */
public record OrderPage(List<OrderView> orders, Optional<PageCursor> next) {

  public OrderPage {
    orders = List.copyOf(orders);
  }

  /**
   * The page from up to {@code limit + 1} orders read: the extra one only says there is more, so no
   * empty last page is ever handed out.
   */
  public static OrderPage of(List<OrderView> read, int limit) {
    if (read.size() <= limit) {
      return new OrderPage(read, Optional.empty());
    }
    List<OrderView> page = read.subList(0, limit);
    return new OrderPage(page, Optional.of(page.get(limit - 1).position()));
  }
}

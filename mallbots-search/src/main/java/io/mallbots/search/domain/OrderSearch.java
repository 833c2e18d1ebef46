package io.mallbots.search.domain;

import io.mallbots.core.domain.Invalid;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a search: the filters, where the previous page ended (none for the first page) and
 * how many orders at most.
 */
public record OrderSearch(OrderFilters filters, Optional<PageCursor> after, int limit) {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public OrderSearch {
    Objects.requireNonNull(filters, "filters");
    limit = pageSize(limit);
  }

  /**
   * The page size a request asks for: 0 (unset) means the default, more than the maximum means the
   * maximum; a negative size is a mistake, refused with {@link Invalid}.
   */
  public static int pageSize(int requested) {
    if (requested < 0) {
      throw new Invalid(
          "limit must be 0 (the default, " + DEFAULT_LIMIT + ") or more, got " + requested);
    }
    return requested == 0 ? DEFAULT_LIMIT : Math.min(requested, MAX_LIMIT);
  }

  /** The search from its wire form: the cursor in {@code next} must belong to {@code filters}. */
  public static OrderSearch of(OrderFilters filters, String next, int limit) {
    Optional<PageCursor> after =
        next == null || next.isEmpty()
            ? Optional.empty()
            : Optional.of(PageCursor.decode(next, filters));
    return new OrderSearch(filters, after, limit);
  }
}

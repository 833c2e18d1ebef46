package io.mallbots.search.application.queries;

import io.mallbots.search.domain.OrderSearch;
import java.util.Objects;

/** One page of the orders matching a search. */
public record SearchOrders(OrderSearch search) {

  public SearchOrders {
    Objects.requireNonNull(search, "search");
  }
}

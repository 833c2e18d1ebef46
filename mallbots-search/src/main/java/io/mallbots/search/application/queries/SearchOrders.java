package io.mallbots.search.application.queries;

import io.mallbots.core.domain.Actor;
import io.mallbots.search.domain.OrderSearch;
import java.util.Objects;

/** One page of the orders matching a search. */
public record SearchOrders(OrderSearch search, Actor actor) {

  public SearchOrders {
    Objects.requireNonNull(search, "search");
  }

  /** As asked by another service (or anyone in dev mode). */
  public SearchOrders(OrderSearch search) {
    this(search, Actor.ANYONE);
  }
}

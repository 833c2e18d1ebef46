package io.mallbots.search.application.queries;

import io.mallbots.core.domain.Invalid;

/** One order by its id (ordering's). */
public record GetOrder(String orderId) {

  public GetOrder {
    if (orderId == null || orderId.isBlank()) {
      throw new Invalid("id is required");
    }
  }
}

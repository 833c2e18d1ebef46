package io.mallbots.search.application.commands;

import io.mallbots.search.domain.OrderPlaced;
import java.util.Objects;

/** Take a newly placed order into the read model (ordering's OrderCreated). */
public record RecordOrder(OrderPlaced order) {

  public RecordOrder {
    Objects.requireNonNull(order, "order");
  }
}

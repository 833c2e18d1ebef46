package io.mallbots.search.application.commands;

import io.mallbots.core.db.Versions;
import io.mallbots.search.domain.OrderPlaced;
import java.util.Objects;

/**
 * Take a newly placed order into the read model (ordering's OrderCreated).
 *
 * @param version the order's version after it was created; {@link Versions#UNKNOWN} if the event
 *     had none
 */
public record RecordOrder(OrderPlaced order, long version) {

  public RecordOrder {
    Objects.requireNonNull(order, "order");
  }

  /** An order whose version is unknown. */
  public RecordOrder(OrderPlaced order) {
    this(order, Versions.UNKNOWN);
  }
}

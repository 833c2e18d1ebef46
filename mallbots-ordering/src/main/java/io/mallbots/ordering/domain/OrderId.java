package io.mallbots.ordering.domain;

import java.util.Objects;
import java.util.UUID;

/** Identifies an order: ordering's own id, never the basket's. */
public record OrderId(UUID value) {

  public OrderId {
    Objects.requireNonNull(value, "value");
  }

  public static OrderId random() {
    return new OrderId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

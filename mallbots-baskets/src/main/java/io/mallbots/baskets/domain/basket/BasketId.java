package io.mallbots.baskets.domain.basket;

import java.util.Objects;
import java.util.UUID;

/** Identifies a basket. */
public record BasketId(UUID value) {

  public BasketId {
    Objects.requireNonNull(value, "value");
  }

  public static BasketId random() {
    return new BasketId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

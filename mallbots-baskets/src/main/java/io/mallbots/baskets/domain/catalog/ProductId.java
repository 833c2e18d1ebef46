package io.mallbots.baskets.domain.catalog;

import java.util.Objects;
import java.util.UUID;

/** Identifies a product of a store's catalog (the stores service gives the ids). */
public record ProductId(UUID value) {

  public ProductId {
    Objects.requireNonNull(value, "value");
  }

  public static ProductId random() {
    return new ProductId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

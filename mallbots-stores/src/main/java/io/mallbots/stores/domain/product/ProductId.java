package io.mallbots.stores.domain.product;

import java.util.Objects;
import java.util.UUID;

/** Identifies a product. */
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

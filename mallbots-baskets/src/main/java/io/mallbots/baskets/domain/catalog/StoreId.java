package io.mallbots.baskets.domain.catalog;

import java.util.Objects;
import java.util.UUID;

/** Identifies a store of the mall (the stores service gives the ids). */
public record StoreId(UUID value) {

  public StoreId {
    Objects.requireNonNull(value, "value");
  }

  public static StoreId random() {
    return new StoreId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

package io.mallbots.stores.domain.store;

import java.util.Objects;
import java.util.UUID;

/** Identifies a store. */
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

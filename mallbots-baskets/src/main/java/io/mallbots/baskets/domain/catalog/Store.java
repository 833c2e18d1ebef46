package io.mallbots.baskets.domain.catalog;

import java.util.Objects;

/** What baskets knows of a store: its name (from stores). */
public record Store(StoreId id, String name) {

  public Store {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}

package io.mallbots.baskets.domain.catalog;

import io.mallbots.core.domain.Money;
import java.util.Objects;

/**
 * What baskets knows of a product on sale: its store, its name and its current price (from stores).
 */
public record Product(ProductId id, StoreId storeId, String name, Money price) {

  public Product {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(storeId, "storeId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(price, "price");
  }
}

package io.mallbots.ordering.domain;

import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Required;
import java.util.Objects;

/**
 * An ordered product: who sells it and what it is called (as at checkout), its unit price and how
 * many. Product and store ids are stores' ids, kept as given.
 */
public record Item(
    String productId,
    String storeId,
    String productName,
    String storeName,
    Money price,
    int quantity) {

  public Item {
    productId = Required.text(productId, "product_id");
    storeId = Required.text(storeId, "store_id");
    productName = Objects.requireNonNullElse(productName, "");
    storeName = Objects.requireNonNullElse(storeName, "");
    Objects.requireNonNull(price, "price");
    if (price.isNegative()) {
      throw new Invalid("price of product " + productId + " must not be negative, got " + price);
    }
    if (quantity < 1) {
      throw new Invalid(
          "quantity of product " + productId + " must be at least 1, got " + quantity);
    }
  }

  /** Price times quantity. */
  public Money subtotal() {
    return price.times(quantity);
  }
}

package io.mallbots.search.domain;

import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Required;

/**
 * An ordered product with the names it had when search last heard of them (empty when never heard
 * of).
 *
 * @param price unit price at the time of the order
 * @param quantity at least 1
 */
public record OrderItem(
    String productId,
    String storeId,
    String productName,
    String storeName,
    Money price,
    long quantity) {

  public OrderItem {
    Required.text(productId, "item product_id");
    Required.text(storeId, "item store_id");
    productName = productName == null ? "" : productName;
    storeName = storeName == null ? "" : storeName;
    if (quantity < 1) {
      throw new Invalid("item quantity must be at least 1, got " + quantity);
    }
  }

  /** The same item under the names search knows, where it knows them. */
  OrderItem named(KnownNames names) {
    return new OrderItem(
        productId,
        storeId,
        names.product(productId).orElse(productName),
        names.store(storeId).orElse(storeName),
        price,
        quantity);
  }
}

package io.mallbots.baskets.domain.basket;

import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.domain.Money;

/**
 * A product in a basket: names and unit price as they were when it was first added, and how many.
 * The quantity is always at least one.
 */
public record Item(
    ProductId productId,
    StoreId storeId,
    String storeName,
    String productName,
    Money price,
    int quantity) {

  Item withQuantity(int newQuantity) {
    return new Item(productId, storeId, storeName, productName, price, newQuantity);
  }
}

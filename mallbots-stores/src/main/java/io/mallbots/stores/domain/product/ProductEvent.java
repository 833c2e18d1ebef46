package io.mallbots.stores.domain.product;

import io.mallbots.core.domain.Money;
import io.mallbots.stores.domain.store.StoreId;

/** What happens to a product, in the past tense. Published on the product's topic, keyed by its id. */
public sealed interface ProductEvent {

  ProductId productId();

  /** A product joined a store's catalog. */
  record ProductAdded(ProductId productId, StoreId storeId, String name, String description, String sku,
                      Money price) implements ProductEvent {
  }

  /** A product took a new name and description. */
  record ProductRebranded(ProductId productId, String name, String description) implements ProductEvent {
  }

  /** A product's price changed; {@code delta} is new minus old, so its sign tells increase from decrease. */
  record ProductPriceChanged(ProductId productId, Money delta, Money price) implements ProductEvent {
  }

  /** A product left its store's catalog. */
  record ProductRemoved(ProductId productId) implements ProductEvent {
  }
}

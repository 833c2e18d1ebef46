package io.mallbots.stores.domain.product;

import io.mallbots.core.domain.Money;
import io.mallbots.stores.domain.store.StoreId;

/** A product joined a store's catalog. */
public record ProductAdded(
    ProductId productId,
    StoreId storeId,
    String name,
    String description,
    String sku,
    Money price,
    long version)
    implements ProductEvent {}

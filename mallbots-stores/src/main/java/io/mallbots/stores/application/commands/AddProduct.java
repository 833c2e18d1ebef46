package io.mallbots.stores.application.commands;

import io.mallbots.core.domain.Money;
import io.mallbots.stores.domain.store.StoreId;

public record AddProduct(StoreId storeId, String name, String description, String sku, Money price) {
}

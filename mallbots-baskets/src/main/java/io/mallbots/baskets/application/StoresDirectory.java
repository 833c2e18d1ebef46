package io.mallbots.baskets.application;

import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.vertx.core.Future;

/**
 * The stores service itself, asked when the local copy has not heard of a product or store. Fails
 * with {@code NotFound} when stores does not know it; with a technical failure when stores cannot
 * answer.
 */
public interface StoresDirectory {

  Future<Product> product(ProductId id);

  Future<Store> store(StoreId id);
}

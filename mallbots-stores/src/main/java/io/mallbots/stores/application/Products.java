package io.mallbots.stores.application;

import io.mallbots.core.db.Tx;
import io.mallbots.stores.domain.product.Product;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.store.StoreId;
import io.vertx.core.Future;
import java.util.List;

/** The products of every store's catalog. Lookups of a missing product fail with {@code NotFound}. */
public interface Products {

  Future<Void> add(Tx tx, Product product);

  Future<Void> update(Tx tx, Product product);

  Future<Void> remove(Tx tx, ProductId id);

  /** The product, locked against concurrent changes until {@code tx} ends. */
  Future<Product> lock(Tx tx, ProductId id);

  Future<Product> find(ProductId id);

  /** A store's products, by name. */
  Future<List<Product>> catalog(StoreId storeId);
}

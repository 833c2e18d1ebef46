package io.mallbots.stores.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.NotFound;
import io.mallbots.stores.domain.product.Product;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.store.StoreId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The products of every store's catalog: the repository port. {@link #lock} of a missing product
 * fails with {@link #notFound}.
 */
public interface Products {

  Future<Void> add(Tx tx, Product product);

  Future<Void> save(Tx tx, Product product);

  Future<Void> remove(Tx tx, ProductId id);

  /**
   * The product, locked against concurrent changes until {@code tx} ends; NotFound if there is
   * none.
   */
  Future<Product> lock(Tx tx, ProductId id);

  Future<Optional<Product>> find(ProductId id);

  /** A store's products, by name. */
  Future<List<Product>> catalog(StoreId storeId);

  /** How a missing product is refused, by the repository and the use cases alike. */
  static NotFound notFound(ProductId id) {
    return new NotFound("PRODUCT_NOT_FOUND", "no product with id " + id);
  }
}

package io.mallbots.stores.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.mallbots.stores.domain.product.Product;
import io.mallbots.stores.domain.product.ProductEvent;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.product.ProductRemoved;
import io.mallbots.stores.domain.store.StoreId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The products of every store's catalog: the repository port. Adding, saving or removing also
 * records the events of the change, in the same {@link Tx}. {@link #lock} of a missing product
 * fails with {@link #notFound}.
 */
public interface Products {

  Future<Void> add(Tx tx, Changed<Product, ProductEvent> added);

  Future<Void> save(Tx tx, Changed<Product, ProductEvent> change);

  /** Deletes the product the event names. */
  Future<Void> remove(Tx tx, ProductRemoved removed);

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

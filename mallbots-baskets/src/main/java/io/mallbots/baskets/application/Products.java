package io.mallbots.baskets.application;

import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Money;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The local copy of the products stores sells, kept from stores' events and filled from stores on a miss.
 * Changes to a product the copy does not hold are ignored: when it is needed, stores is asked and answers
 * with the current values.
 */
public interface Products {

  /** Keeps {@code product} unless a copy is there already (as recent or newer) or it was removed. */
  Future<Void> add(Tx tx, Product product);

  Future<Void> rename(Tx tx, ProductId id, String name);

  Future<Void> reprice(Tx tx, ProductId id, Money price);

  /** Forgets the product and remembers that it is gone, so no late copy brings it back. */
  Future<Void> remove(Tx tx, ProductId id);

  Future<Optional<Product>> find(ProductId id);

  Future<Boolean> removed(ProductId id);
}

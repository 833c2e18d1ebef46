package io.mallbots.baskets.application;

import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Money;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The local copy of the products stores sells, kept from stores' events and filled from stores on a
 * miss. Changes to a product the copy does not hold are ignored: when it is needed, stores is asked
 * and answers with the current values. {@code version} is the product's version the event carries
 * (0: unknown, e.g. a fill from stores' API): a change older than what the copy holds is ignored,
 * and a change with a version to a product the copy does not hold yet is kept until its
 * ProductAdded completes it.
 */
public interface Products {

  /**
   * Keeps what is not known yet of {@code product} (a copy is as recent or newer), unless it was
   * removed.
   */
  Future<Void> add(Tx tx, Product product, long version);

  Future<Void> rename(Tx tx, ProductId id, String name, long version);

  Future<Void> reprice(Tx tx, ProductId id, Money price, long version);

  /**
   * Forgets the product and remembers that it is gone, so no late copy or older event brings it
   * back.
   */
  Future<Void> remove(Tx tx, ProductId id, long version);

  Future<Optional<Product>> find(ProductId id);

  Future<Boolean> removed(ProductId id);
}

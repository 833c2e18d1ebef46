package io.mallbots.baskets.application;

import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.db.Tx;
import io.vertx.core.Future;
import java.util.Optional;

/** The local copy of the stores' names, kept from stores' events and filled from stores on a miss. */
public interface Stores {

  /** Keeps {@code store} unless a copy is there already (as recent or newer). */
  Future<Void> add(Tx tx, Store store);

  /** Keeps {@code store}, replacing any copy (a newer fact about the store). */
  Future<Void> put(Tx tx, Store store);

  Future<Optional<Store>> find(StoreId id);
}

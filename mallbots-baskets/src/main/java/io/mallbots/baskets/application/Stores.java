package io.mallbots.baskets.application;

import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.db.Tx;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The local copy of the stores' names, kept from stores' events and filled from stores on a miss.
 * {@code version} is the store's version the event carries (0: unknown, e.g. a fill from stores'
 * API).
 */
public interface Stores {

  /** Keeps {@code store} unless a copy is there already (as recent or newer). */
  Future<Void> add(Tx tx, Store store, long version);

  /** Keeps {@code store}, replacing a copy of an older version (never a newer one). */
  Future<Void> put(Tx tx, Store store, long version);

  Future<Optional<Store>> find(StoreId id);
}

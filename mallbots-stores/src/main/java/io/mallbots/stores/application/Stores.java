package io.mallbots.stores.application;

import io.mallbots.core.db.Tx;
import io.mallbots.stores.domain.store.Store;
import io.mallbots.stores.domain.store.StoreId;
import io.vertx.core.Future;
import java.util.List;

/** The mall's stores. Lookups of a missing store fail with {@code NotFound}. */
public interface Stores {

  Future<Void> add(Tx tx, Store store);

  Future<Void> update(Tx tx, Store store);

  /** The store, locked against concurrent changes until {@code tx} ends. */
  Future<Store> lock(Tx tx, StoreId id);

  Future<Store> find(StoreId id);

  /** All stores, by name. */
  Future<List<Store>> all();

  /** The participating stores, by name. */
  Future<List<Store>> participating();
}

package io.mallbots.stores.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.mallbots.stores.domain.store.Store;
import io.mallbots.stores.domain.store.StoreEvent;
import io.mallbots.stores.domain.store.StoreId;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The mall's stores: the repository port. Adding or saving a change also records the events it
 * raised, in the same {@link Tx}. {@link #lock} of a missing store fails with {@link #notFound}.
 */
public interface Stores {

  Future<Void> add(Tx tx, Changed<Store, StoreEvent> created);

  Future<Void> save(Tx tx, Changed<Store, StoreEvent> change);

  /**
   * The store, locked against concurrent changes until {@code tx} ends; NotFound if there is none.
   */
  Future<Store> lock(Tx tx, StoreId id);

  Future<Optional<Store>> find(StoreId id);

  /** All stores, by name. */
  Future<List<Store>> all();

  /** The participating stores, by name. */
  Future<List<Store>> participating();

  /** How a missing store is refused, by the repository and the use cases alike. */
  static NotFound notFound(StoreId id) {
    return new NotFound("STORE_NOT_FOUND", "no store with id " + id);
  }
}

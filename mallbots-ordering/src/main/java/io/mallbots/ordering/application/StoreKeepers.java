package io.mallbots.ordering.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Actor;
import io.mallbots.ordering.domain.StoreKeeper;
import io.vertx.core.Future;

/**
 * The store owners ordering knows of, from stores' StoreCreated, and the caller of ReadyOrder or
 * CompleteOrder as a {@link StoreKeeper}: the stores they own.
 */
public final class StoreKeepers {

  private final StoreOwners owners;

  public StoreKeepers(StoreOwners owners) {
    this.owners = owners;
  }

  /** StoreCreated with an owner. */
  public Future<Void> storeOpened(Tx tx, String storeId, String ownerId) {
    return owners.record(tx, storeId, ownerId);
  }

  /** {@code actor} with the stores they own (none to look up for a service). */
  public Future<StoreKeeper> of(Actor actor) {
    return actor.actsForAll()
        ? Future.succeededFuture(StoreKeeper.ANYONE)
        : owners.storesOf(actor.userId()).map(stores -> new StoreKeeper(actor, stores));
  }
}

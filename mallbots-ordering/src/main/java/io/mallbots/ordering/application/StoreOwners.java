package io.mallbots.ordering.application;

import io.mallbots.core.db.Tx;
import io.vertx.core.Future;
import java.util.Set;

/** Which shopper owns which store, as stores announced it. */
public interface StoreOwners {

  /** Records {@code ownerId} as {@code storeId}'s owner (the first announcement stands). */
  Future<Void> record(Tx tx, String storeId, String ownerId);

  /** The stores {@code ownerId} owns. */
  Future<Set<String>> storesOf(String ownerId);
}

package io.mallbots.search.application;

import io.mallbots.core.db.Tx;
import io.mallbots.search.domain.KnownNames;
import io.mallbots.search.domain.NameOwner;
import io.vertx.core.Future;
import java.util.Collection;

/**
 * The user, store and product names search has heard of, kept for orders that are yet to arrive.
 */
public interface Names {

  /** The names known for an order's user, stores and products. */
  Future<KnownNames> known(
      Tx tx, String userId, Collection<String> storeIds, Collection<String> productIds);

  /**
   * Keeps {@code name} for {@code id}: when {@code replace}, unless the name known came with a
   * newer {@code version} (0: unknown, always newer); else only if no name is known yet. Succeeds
   * with whether the kept name changed.
   */
  Future<Boolean> remember(
      Tx tx, NameOwner owner, String id, String name, boolean replace, long version);
}

package io.mallbots.ordering.domain;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.PermissionDenied;
import java.util.Set;

/**
 * Who asks to move an order along (ReadyOrder, CompleteOrder), with the stores they own: a store
 * keeper acts only on orders all of whose products come from stores they own (one store of a mixed
 * order does not make its keeper the keeper of the others); another service (or anyone in dev mode)
 * on any order.
 */
public record StoreKeeper(Actor actor, Set<String> ownedStores) {

  public static final StoreKeeper ANYONE = new StoreKeeper(Actor.ANYONE, Set.of());

  public StoreKeeper {
    ownedStores = Set.copyOf(ownedStores);
  }

  /** Refuses with {@link PermissionDenied} unless this keeper may act on {@code order}. */
  public void ensureKeeps(Order order) {
    if (!actor.actsForAll()
        && !order.items().stream().allMatch(item -> ownedStores.contains(item.storeId()))) {
      throw new PermissionDenied(
          "order " + order.id() + " holds products of stores you do not keep");
    }
  }
}

package io.mallbots.stores.domain.store;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Required;
import io.mallbots.core.domain.Uuids;

/**
 * A store of the mall. It sells only while it participates. Immutable: each operation returns the
 * store after the change together with the event it raises.
 *
 * @param ownerId the owning user, the only shopper who may change the store and its products; empty
 *     when none
 * @param version 1 when created, one more with each change; its events carry it, so consumers can
 *     tell an older event from a newer one
 */
public record Store(
    StoreId id, String name, String location, boolean participating, String ownerId, long version) {

  /**
   * Only the store's owner changes it and its products; another service (or anyone in dev mode) any
   * store.
   */
  public Store managedBy(Actor actor) {
    actor.ensureMayActFor(ownerId, "store " + id);
    return this;
  }

  /** Opens a store; name and location are required. */
  public static Changed<Store, StoreEvent> create(
      StoreId id, String name, String location, String ownerId) {
    return create(id, name, location, ownerId, Actor.ANYONE);
  }

  /**
   * Opens a store at {@code actor}'s request: a shopper opens stores only for themself (and owns
   * one they open without naming an owner); another service for anyone, or for no one. An owner is
   * a user, so named by a user id (a UUID).
   */
  public static Changed<Store, StoreEvent> create(
      StoreId id, String name, String location, String ownerId, Actor actor) {
    String given =
        ownerId == null || ownerId.isBlank() ? "" : Uuids.parse(ownerId, "owner_id").toString();
    String owner = given.isEmpty() && !actor.actsForAll() ? actor.userId() : given;
    if (!owner.isEmpty()) {
      actor.ensureMayActFor(owner, "a store for " + owner);
    }
    Store store =
        new Store(
            id, Required.text(name, "name"), Required.text(location, "location"), false, owner, 1);
    return Changed.of(
        store, new StoreCreated(id, store.name, store.location, owner, store.version));
  }

  public Changed<Store, StoreEvent> enableParticipation() {
    if (participating) {
      throw new Conflict("STORE_ALREADY_PARTICIPATING", "store " + id + " already participates");
    }
    return toggled(true);
  }

  public Changed<Store, StoreEvent> disableParticipation() {
    if (!participating) {
      throw new Conflict("STORE_NOT_PARTICIPATING", "store " + id + " does not participate");
    }
    return toggled(false);
  }

  public Changed<Store, StoreEvent> rebrand(String newName) {
    Store rebranded =
        new Store(
            id, Required.text(newName, "name"), location, participating, ownerId, version + 1);
    return Changed.of(rebranded, new StoreRebranded(id, rebranded.name, rebranded.version));
  }

  private Changed<Store, StoreEvent> toggled(boolean nowParticipating) {
    return Changed.of(
        new Store(id, name, location, nowParticipating, ownerId, version + 1),
        new StoreParticipationToggled(id, nowParticipating, version + 1));
  }
}

package io.mallbots.stores.domain.store;

/** What happens to a store, in the past tense. Published on the store's topic, keyed by its id. */
public sealed interface StoreEvent {

  StoreId storeId();

  /** A store was opened; it does not participate yet. {@code ownerId} is empty when none was given. */
  record StoreCreated(StoreId storeId, String name, String location, String ownerId) implements StoreEvent {
  }

  /** A store started or stopped participating; {@code participating} is the state after the change. */
  record StoreParticipationToggled(StoreId storeId, boolean participating) implements StoreEvent {
  }

  /** A store took a new name. */
  record StoreRebranded(StoreId storeId, String name) implements StoreEvent {
  }
}

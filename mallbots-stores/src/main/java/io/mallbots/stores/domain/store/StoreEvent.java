package io.mallbots.stores.domain.store;

/** What happens to a store, in the past tense. Published on the store's topic, keyed by its id. */
public sealed interface StoreEvent permits StoreCreated, StoreParticipationToggled, StoreRebranded {

  StoreId storeId();

  /** The store's version after this change. */
  long version();
}

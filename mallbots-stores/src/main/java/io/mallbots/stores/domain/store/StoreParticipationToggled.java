package io.mallbots.stores.domain.store;

/**
 * A store started or stopped participating; {@code participating} is the state after the change.
 */
public record StoreParticipationToggled(StoreId storeId, boolean participating, long version)
    implements StoreEvent {}

package io.mallbots.stores.domain.store;

/**
 * A store was opened; it does not participate yet. {@code ownerId} is empty when none was given.
 */
public record StoreCreated(
    StoreId storeId, String name, String location, String ownerId, long version)
    implements StoreEvent {}

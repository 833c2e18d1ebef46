package io.mallbots.stores.domain.store;

/** A store took a new name. */
public record StoreRebranded(StoreId storeId, String name, long version) implements StoreEvent {}

package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.catalog.Store;

/**
 * Stores created a store (StoreCreated) or renamed it (StoreRebranded); {@code version} is the
 * store's.
 */
public record RememberStore(Store store, long version) {}

package io.mallbots.stores.application.queries;

import io.mallbots.stores.domain.store.StoreId;

/** The products of one store. */
public record GetCatalog(StoreId storeId) {}

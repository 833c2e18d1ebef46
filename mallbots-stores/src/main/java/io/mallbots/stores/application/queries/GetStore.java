package io.mallbots.stores.application.queries;

import io.mallbots.stores.domain.store.StoreId;

public record GetStore(StoreId storeId) {}

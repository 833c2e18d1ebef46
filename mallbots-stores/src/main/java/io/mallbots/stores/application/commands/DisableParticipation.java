package io.mallbots.stores.application.commands;

import io.mallbots.stores.domain.store.StoreId;

public record DisableParticipation(StoreId storeId) {
}

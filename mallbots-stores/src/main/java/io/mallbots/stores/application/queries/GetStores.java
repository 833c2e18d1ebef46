package io.mallbots.stores.application.queries;

/** Every store, participating or not. */
public record GetStores() {}

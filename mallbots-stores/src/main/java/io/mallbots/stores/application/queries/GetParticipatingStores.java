package io.mallbots.stores.application.queries;

/** The stores that sell in the mall now. */
public record GetParticipatingStores() {}

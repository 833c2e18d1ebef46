package io.mallbots.stores.domain.product;

/** A product left its store's catalog. */
public record ProductRemoved(ProductId productId, long version) implements ProductEvent {}

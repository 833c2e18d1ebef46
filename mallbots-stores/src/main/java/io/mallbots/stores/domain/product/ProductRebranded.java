package io.mallbots.stores.domain.product;

/** A product took a new name and description. */
public record ProductRebranded(ProductId productId, String name, String description, long version)
    implements ProductEvent {}

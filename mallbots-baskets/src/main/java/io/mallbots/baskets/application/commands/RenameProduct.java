package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.catalog.ProductId;

/** Stores rebranded a product (ProductRebranded); {@code version} is the product's. */
public record RenameProduct(ProductId productId, String name, long version) {}

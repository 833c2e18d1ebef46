package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.catalog.ProductId;

/** Stores rebranded a product (ProductRebranded). */
public record RenameProduct(ProductId productId, String name) {
}

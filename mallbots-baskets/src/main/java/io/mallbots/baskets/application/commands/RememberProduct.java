package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.catalog.Product;

/** Stores added a product to a catalog (ProductAdded); {@code version} is the product's. */
public record RememberProduct(Product product, long version) {}

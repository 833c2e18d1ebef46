package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.catalog.Product;

/** Stores added a product to a catalog (ProductAdded). */
public record RememberProduct(Product product) {
}

package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.catalog.ProductId;

/** Stores removed a product from its catalog (ProductRemoved); {@code version} is the product's. */
public record ForgetProduct(ProductId productId, long version) {}

package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.catalog.ProductId;

/** Stores removed a product from its catalog (ProductRemoved). */
public record ForgetProduct(ProductId productId) {
}

package io.mallbots.stores.application.queries;

import io.mallbots.stores.domain.product.ProductId;

public record GetProduct(ProductId productId) {}

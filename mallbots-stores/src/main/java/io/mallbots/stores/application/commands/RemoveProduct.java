package io.mallbots.stores.application.commands;

import io.mallbots.stores.domain.product.ProductId;

public record RemoveProduct(ProductId productId) {
}

package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.core.domain.Money;

/**
 * A product's price changed at stores (ProductPriceChanged); {@code price} is the new price, {@code
 * version} the product's.
 */
public record RepriceProduct(ProductId productId, Money price, long version) {}

package io.mallbots.stores.domain.product;

import io.mallbots.core.domain.Money;

/**
 * A product's price changed; {@code delta} is new minus old, so its sign tells increase from
 * decrease.
 */
public record ProductPriceChanged(ProductId productId, Money delta, Money price, long version)
    implements ProductEvent {}

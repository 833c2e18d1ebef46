package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.basket.BasketId;

public record CheckoutBasket(BasketId basketId, String paymentId) {
}

package io.mallbots.baskets.application.queries;

import io.mallbots.baskets.domain.basket.BasketId;

public record GetBasket(BasketId basketId) {
}

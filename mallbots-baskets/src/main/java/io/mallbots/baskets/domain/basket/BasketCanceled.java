package io.mallbots.baskets.domain.basket;

/** A basket was abandoned. */
public record BasketCanceled(BasketId basketId) implements BasketEvent {}

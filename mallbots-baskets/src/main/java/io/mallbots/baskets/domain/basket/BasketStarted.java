package io.mallbots.baskets.domain.basket;

/** A user started a basket. */
public record BasketStarted(BasketId basketId, String userId) implements BasketEvent {}

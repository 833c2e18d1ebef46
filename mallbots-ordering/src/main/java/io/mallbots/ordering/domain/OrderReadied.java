package io.mallbots.ordering.domain;

/** The order was made ready for pick-up. */
public record OrderReadied(OrderId orderId) implements OrderEvent {}

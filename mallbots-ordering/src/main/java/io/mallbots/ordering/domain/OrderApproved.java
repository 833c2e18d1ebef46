package io.mallbots.ordering.domain;

/** The create-order saga succeeded (user authorized, payment confirmed): the order is approved. */
public record OrderApproved(OrderId orderId) implements OrderEvent {}

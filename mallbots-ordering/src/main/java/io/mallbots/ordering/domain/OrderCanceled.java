package io.mallbots.ordering.domain;

/** The order was canceled while pending. */
public record OrderCanceled(OrderId orderId) implements OrderEvent {}

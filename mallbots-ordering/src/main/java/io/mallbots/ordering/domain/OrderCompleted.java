package io.mallbots.ordering.domain;

/** The order's invoice was paid: the order is done. */
public record OrderCompleted(OrderId orderId, String invoiceId) implements OrderEvent {}

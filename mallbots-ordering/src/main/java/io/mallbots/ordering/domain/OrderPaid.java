package io.mallbots.ordering.domain;

/**
 * The order's invoice was paid before the order was ready: ordering remembers the invoice, so that
 * CompleteOrder can complete the order against it once it is. Kept in the order's history only;
 * other services learn nothing new from it (payments published InvoicePaid).
 */
public record OrderPaid(OrderId orderId, String invoiceId) implements OrderEvent {}

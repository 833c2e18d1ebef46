package io.mallbots.payments.application.queries;

/** The invoice of an order (an order has at most one). */
public record GetOrderInvoice(String orderId) {
}

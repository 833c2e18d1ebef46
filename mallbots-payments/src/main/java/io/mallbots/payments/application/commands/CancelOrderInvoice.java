package io.mallbots.payments.application.commands;

/** An order was canceled: cancel its invoice, if it has one. */
public record CancelOrderInvoice(String orderId) {
}

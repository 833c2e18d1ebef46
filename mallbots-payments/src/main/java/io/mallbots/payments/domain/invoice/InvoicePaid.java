package io.mallbots.payments.domain.invoice;

/** An invoice was paid; ordering completes the order. */
public record InvoicePaid(InvoiceId invoiceId, String orderId) implements InvoiceEvent {
}

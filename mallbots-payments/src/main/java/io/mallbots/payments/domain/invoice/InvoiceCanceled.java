package io.mallbots.payments.domain.invoice;

/** A pending invoice was canceled (by a caller, or because its order was). */
public record InvoiceCanceled(InvoiceId invoiceId, String orderId) implements InvoiceEvent {}

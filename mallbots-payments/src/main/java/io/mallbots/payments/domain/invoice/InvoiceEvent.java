package io.mallbots.payments.domain.invoice;

/** What happened to an invoice; published on the payments' Invoice topic. */
public sealed interface InvoiceEvent
    permits InvoiceCreated, InvoiceAdjusted, InvoicePaid, InvoiceCanceled {

  InvoiceId invoiceId();

  String orderId();
}

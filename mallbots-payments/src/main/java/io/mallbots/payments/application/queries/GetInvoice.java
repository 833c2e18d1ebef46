package io.mallbots.payments.application.queries;

import io.mallbots.payments.domain.invoice.InvoiceId;

/** One invoice by its id. */
public record GetInvoice(InvoiceId invoiceId) {
}

package io.mallbots.payments.application.commands;

import io.mallbots.payments.domain.invoice.InvoiceId;

/** Pay a pending invoice. */
public record PayInvoice(InvoiceId invoiceId) {
}

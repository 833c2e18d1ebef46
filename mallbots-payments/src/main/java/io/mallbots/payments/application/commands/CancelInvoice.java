package io.mallbots.payments.application.commands;

import io.mallbots.payments.domain.invoice.InvoiceId;

/** Cancel a pending invoice. */
public record CancelInvoice(InvoiceId invoiceId) {}

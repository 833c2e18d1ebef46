package io.mallbots.payments.application.commands;

import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.invoice.InvoiceId;

/** Set a pending invoice's amount (the new amount, not a delta). */
public record AdjustInvoice(InvoiceId invoiceId, Money amount) {}

package io.mallbots.payments.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.payments.domain.invoice.InvoiceId;

/** Pay a pending invoice; only its payer (the user of its payment) or a service may. */
public record PayInvoice(InvoiceId invoiceId, Actor actor) {}

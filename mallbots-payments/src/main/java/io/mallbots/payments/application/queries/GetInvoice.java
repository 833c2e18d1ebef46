package io.mallbots.payments.application.queries;

import io.mallbots.core.domain.Actor;
import io.mallbots.payments.domain.invoice.InvoiceId;

/** One invoice by its id; only its payer (the user of its payment) or a service may look. */
public record GetInvoice(InvoiceId invoiceId, Actor actor) {}

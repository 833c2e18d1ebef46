package io.mallbots.payments.domain.invoice;

import io.mallbots.core.domain.Money;

/** A pending invoice's amount was set to {@code amount}. */
public record InvoiceAdjusted(InvoiceId invoiceId, String orderId, Money amount)
    implements InvoiceEvent {}

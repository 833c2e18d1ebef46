package io.mallbots.payments.domain.invoice;

import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.payment.PaymentId;

/**
 * An invoice of {@code amount} for {@code orderId}, charged to {@code paymentId}, was paid;
 * ordering completes the order if they are the order's.
 */
public record InvoicePaid(InvoiceId invoiceId, String orderId, PaymentId paymentId, Money amount)
    implements InvoiceEvent {}

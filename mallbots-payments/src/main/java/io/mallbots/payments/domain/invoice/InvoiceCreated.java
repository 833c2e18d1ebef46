package io.mallbots.payments.domain.invoice;

import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.payment.PaymentId;

/** An order was invoiced, pending payment. */
public record InvoiceCreated(InvoiceId invoiceId, String orderId, PaymentId paymentId, Money amount)
    implements InvoiceEvent {}

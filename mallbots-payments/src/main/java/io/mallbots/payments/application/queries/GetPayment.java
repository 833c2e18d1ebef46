package io.mallbots.payments.application.queries;

import io.mallbots.payments.domain.payment.PaymentId;

/** One payment by its id. */
public record GetPayment(PaymentId paymentId) {
}

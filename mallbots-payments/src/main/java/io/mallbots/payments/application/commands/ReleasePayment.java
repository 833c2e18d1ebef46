package io.mallbots.payments.application.commands;

import io.mallbots.payments.domain.payment.PaymentId;

/**
 * Give back what a payment was confirmed for {@code orderId}: the create-order saga's compensation
 * of its charge.
 */
public record ReleasePayment(PaymentId paymentId, String orderId) {}

package io.mallbots.payments.application.commands;

import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.payment.PaymentId;

/** Charge {@code amount} to a payment for {@code orderId} (empty when the caller names no order). */
public record ConfirmPayment(PaymentId paymentId, Money amount, String orderId) {
}

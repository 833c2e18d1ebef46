package io.mallbots.payments.domain.payment;

import io.mallbots.core.domain.Money;

/**
 * A payment was charged {@code amount}; {@code orderId} is empty when the caller named no order.
 */
public record PaymentConfirmed(PaymentId paymentId, Money amount, String orderId)
    implements PaymentEvent {}

package io.mallbots.payments.domain.payment;

import io.mallbots.core.domain.Money;

/**
 * A confirmed payment was given back ({@code amount}, what was confirmed) because {@code orderId}
 * failed.
 */
public record PaymentReleased(PaymentId paymentId, Money amount, String orderId)
    implements PaymentEvent {}

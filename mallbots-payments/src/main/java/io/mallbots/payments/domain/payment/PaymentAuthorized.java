package io.mallbots.payments.domain.payment;

import io.mallbots.core.domain.Money;

/** A user authorized a payment of up to {@code amount}. */
public record PaymentAuthorized(PaymentId paymentId, String userId, Money amount)
    implements PaymentEvent {}

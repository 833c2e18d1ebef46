package io.mallbots.payments.domain.payment;

/** What happened to a payment; published on the payments' Payment topic. */
public sealed interface PaymentEvent permits PaymentAuthorized, PaymentConfirmed, PaymentReleased {

  PaymentId paymentId();
}

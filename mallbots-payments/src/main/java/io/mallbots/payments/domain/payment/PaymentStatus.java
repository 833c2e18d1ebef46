package io.mallbots.payments.domain.payment;

/** Where a payment is: authorized, then confirmed once for an order. */
public enum PaymentStatus {
  AUTHORIZED,
  CONFIRMED
}

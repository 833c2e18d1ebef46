package io.mallbots.payments.domain.payment;

/**
 * Where a payment is: authorized, then confirmed once for an order, then released if that order
 * fails.
 */
public enum PaymentStatus {
  AUTHORIZED,
  CONFIRMED,
  /** Given back after its order was rejected or canceled; final. */
  RELEASED
}

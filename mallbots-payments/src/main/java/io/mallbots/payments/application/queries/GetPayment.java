package io.mallbots.payments.application.queries;

import io.mallbots.core.domain.Actor;
import io.mallbots.payments.domain.payment.PaymentId;

/** One payment by its id. */
public record GetPayment(PaymentId paymentId, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public GetPayment(PaymentId paymentId) {
    this(paymentId, Actor.ANYONE);
  }
}

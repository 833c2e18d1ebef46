package io.mallbots.payments.application.commands;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Money;

/** Authorize a payment of up to {@code amount} for {@code userId}. */
public record AuthorizePayment(String userId, Money amount, Actor actor) {

  /** As asked by another service (or anyone in dev mode). */
  public AuthorizePayment(String userId, Money amount) {
    this(userId, amount, Actor.ANYONE);
  }
}

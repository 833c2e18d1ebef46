package io.mallbots.payments.application.commands;

import io.mallbots.core.domain.Money;

/** Authorize a payment of up to {@code amount} for {@code userId}. */
public record AuthorizePayment(String userId, Money amount) {
}

package io.mallbots.payments.domain.payment;

import io.mallbots.core.domain.Invalid;
import java.util.UUID;

/** A payment's identity: a UUID the service generates. */
public record PaymentId(UUID value) {

  public static PaymentId generate() {
    return new PaymentId(UUID.randomUUID());
  }

  /** From a caller's text; anything that is not a UUID cannot name a payment. */
  public static PaymentId parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new Invalid(field + " is required");
    }
    try {
      return new PaymentId(UUID.fromString(text.trim()));
    } catch (IllegalArgumentException e) {
      throw new Invalid(field + " must be a payment id (a UUID), got '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

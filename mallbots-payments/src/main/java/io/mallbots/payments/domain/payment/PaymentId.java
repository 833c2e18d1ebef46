package io.mallbots.payments.domain.payment;

import io.mallbots.core.domain.Uuids;
import java.util.UUID;

/** A payment's identity: a UUID the service generates. */
public record PaymentId(UUID value) {

  public static PaymentId generate() {
    return new PaymentId(UUID.randomUUID());
  }

  /** From a caller's text, named {@code field} in the error. */
  public static PaymentId parse(String text, String field) {
    return new PaymentId(Uuids.parse(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

package io.mallbots.payments.domain.invoice;

import io.mallbots.core.domain.Uuids;
import java.util.UUID;

/** An invoice's identity: a UUID the service generates. */
public record InvoiceId(UUID value) {

  public static InvoiceId generate() {
    return new InvoiceId(UUID.randomUUID());
  }

  /** From a caller's text, named {@code field} in the error. */
  public static InvoiceId parse(String text, String field) {
    return new InvoiceId(Uuids.parse(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

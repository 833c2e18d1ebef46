package io.mallbots.payments.domain.invoice;

import io.mallbots.core.domain.Invalid;
import java.util.UUID;

/** An invoice's identity: a UUID the service generates. */
public record InvoiceId(UUID value) {

  public static InvoiceId generate() {
    return new InvoiceId(UUID.randomUUID());
  }

  /** From a caller's text; anything that is not a UUID cannot name an invoice. */
  public static InvoiceId parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new Invalid(field + " is required");
    }
    try {
      return new InvoiceId(UUID.fromString(text.trim()));
    } catch (IllegalArgumentException e) {
      throw new Invalid(field + " must be an invoice id (a UUID), got '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}

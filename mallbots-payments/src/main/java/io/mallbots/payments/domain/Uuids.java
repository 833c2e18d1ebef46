package io.mallbots.payments.domain;

import io.mallbots.core.domain.Invalid;
import java.util.UUID;

/** Reads the service's own ids, which are UUIDs: text that is not one cannot name anything here. */
public final class Uuids {

  private Uuids() {
  }

  /** {@code field} and {@code what} name the value in the error, e.g. "id must be a payment id". */
  public static UUID parse(String text, String field, String what) {
    if (text == null || text.isBlank()) {
      throw new Invalid(field + " is required");
    }
    try {
      return UUID.fromString(text.trim());
    } catch (IllegalArgumentException e) {
      throw new Invalid(field + " must be " + what + " (a UUID), got '" + text + "'");
    }
  }
}

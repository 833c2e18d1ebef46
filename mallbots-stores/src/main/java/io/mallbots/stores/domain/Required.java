package io.mallbots.stores.domain;

import io.mallbots.core.domain.Invalid;

/** Rules for values a request must carry. */
public final class Required {

  private Required() {
  }

  /** {@code value} without surrounding blanks; a missing or blank value is invalid. */
  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new Invalid(field + " is required");
    }
    return value.strip();
  }
}

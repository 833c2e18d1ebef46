package io.mallbots.baskets.domain;

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

  /** A count of things: at least one. */
  public static int quantity(int value) {
    if (value < 1) {
      throw new Invalid("quantity must be at least 1, got " + value);
    }
    return value;
  }
}

package io.mallbots.ordering.domain;

import io.mallbots.core.domain.Invalid;

/** Rules for values a request must carry. */
final class Required {

  private Required() {
  }

  /** {@code value} without surrounding blanks; a missing or blank value is invalid. */
  static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new Invalid(field + " is required");
    }
    return value.strip();
  }
}

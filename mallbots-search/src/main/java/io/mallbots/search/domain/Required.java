package io.mallbots.search.domain;

import io.mallbots.core.domain.Invalid;

/** Checks for values a fact or a query cannot do without. */
final class Required {

  private Required() {
  }

  static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new Invalid(field + " is required");
    }
    return value;
  }
}

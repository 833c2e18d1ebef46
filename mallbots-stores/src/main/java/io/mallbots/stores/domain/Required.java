package io.mallbots.stores.domain;

import io.mallbots.core.domain.Invalid;

/** Rules for values a request must carry. */
public final class Required {

  private Required() {
  }

  /** The longest name, location or SKU: what a shop window and a search result can show. */
  public static final int MAX_TEXT = 200;
  /** The longest product description. */
  public static final int MAX_DESCRIPTION = 4000;

  /** {@code value} without surrounding blanks; a missing, blank or overlong value is invalid. */
  public static String text(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new Invalid(field + " is required");
    }
    return atMost(value.strip(), MAX_TEXT, field);
  }

  /** {@code value} unless it is longer than {@code max} characters. */
  public static String atMost(String value, int max, String field) {
    if (value.length() > max) {
      throw new Invalid(field + " must be at most " + max + " characters, got " + value.length());
    }
    return value;
  }
}

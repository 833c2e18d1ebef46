package io.mallbots.core.domain;

/**
 * Rules for the values a request or a fact must carry, shared by every service's domain: text that
 * is present and not too long, counts of at least one. A broken rule is {@link Invalid} naming the
 * field. Plain Java, no I/O.
 */
public final class Required {

  /**
   * The longest required text (a name, location, SKU or id): what a shop window and a search result
   * can show.
   */
  public static final int MAX_TEXT = 200;

  /** The longest free-text description. */
  public static final int MAX_DESCRIPTION = 4000;

  private Required() {}

  /**
   * {@code value} without surrounding blanks; a missing, blank or longer than {@link #MAX_TEXT}
   * value is invalid.
   */
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

  /** A count of things: at least one. */
  public static int quantity(int value) {
    if (value < 1) {
      throw new Invalid("quantity must be at least 1, got " + value);
    }
    return value;
  }
}

package io.mallbots.core.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads the ids the mall's services hand out, which are UUIDs in canonical form: text that is not
 * one cannot name anything here, so it is {@link Invalid} naming the field, not a thing not found.
 */
public final class Uuids {

  // UUID.fromString also takes short forms such as "1-2-3-4-5", which no service ever gives out.
  private static final Pattern CANONICAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Uuids() {}

  /**
   * {@code text} as a UUID; {@code field} names it in the error, e.g. "payment_id must be a UUID".
   */
  public static UUID parse(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new Invalid(field + " is required");
    }
    if (!CANONICAL.matcher(text).matches()) {
      throw new Invalid(field + " must be a UUID, got '" + abbreviated(text) + "'");
    }
    return UUID.fromString(text);
  }

  /**
   * {@code text} checked as {@link #parse} does, given back in canonical lower-case form: how a
   * service keeps another service's id (a user's, a payment's) as text.
   */
  public static String canonical(String text, String field) {
    return parse(text, field).toString();
  }

  private static String abbreviated(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}

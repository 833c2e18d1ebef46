package io.mallbots.users.domain;

import io.mallbots.core.domain.Invalid;
import java.util.regex.Pattern;

/**
 * A user's e-mail address: unique among users regardless of letter case. Well formed means one
 * {@code @} between a local part and a dotted domain, no white space; whether it receives mail is
 * not checked here.
 */
public record Email(String value) {

  public static final int MAX_LENGTH = 254;
  private static final Pattern WELL_FORMED = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

  public Email {
    if (value == null || value.isEmpty()) {
      throw new Invalid("email is required");
    }
    if (value.length() > MAX_LENGTH || !WELL_FORMED.matcher(value).matches()) {
      throw new Invalid("email must be an address like name@example.com, got '" + value + "'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}

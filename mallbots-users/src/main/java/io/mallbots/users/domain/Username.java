package io.mallbots.users.domain;

import io.mallbots.core.domain.Invalid;

/** The unique, case-sensitive name a user logs in with: 1 to 64 characters, no white space. */
public record Username(String value) {

  public static final int MAX_LENGTH = 64;

  public Username {
    if (value == null || value.isEmpty()) {
      throw new Invalid("username is required");
    }
    if (value.length() > MAX_LENGTH) {
      throw new Invalid("username must be at most " + MAX_LENGTH + " characters");
    }
    if (value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new Invalid("username must not contain spaces or control characters");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}

package io.mallbots.users.domain;

import io.mallbots.core.domain.Invalid;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A password in plain text, as a user typed it, on its way to being hashed or checked. It never
 * shows itself: {@link #toString()} is redacted so that a log line or exception cannot leak it.
 */
public final class Password {

  public static final int MIN_LENGTH = 8;

  /** bcrypt reads only the first 72 bytes; a longer password would be silently truncated. */
  public static final int MAX_BYTES = 72;

  private final String value;

  private Password(String value) {
    this.value = value;
  }

  /**
   * A new password: at least {@value #MIN_LENGTH} characters and at most {@value #MAX_BYTES} bytes.
   */
  public static Password choose(String value) {
    if (value == null || value.isEmpty()) {
      throw new Invalid("password is required");
    }
    if (value.codePointCount(0, value.length()) < MIN_LENGTH) {
      throw new Invalid("password must be at least " + MIN_LENGTH + " characters");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new Invalid("password must be at most " + MAX_BYTES + " bytes (UTF-8)");
    }
    return new Password(value);
  }

  /**
   * A password offered at login: only its presence is checked, so rules never hint at the real one.
   */
  public static Password offered(String value) {
    if (value == null || value.isEmpty()) {
      throw new Invalid("password is required");
    }
    return new Password(value);
  }

  /** The characters, for the hashing adapter only. */
  public char[] characters() {
    return value.toCharArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Password other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}

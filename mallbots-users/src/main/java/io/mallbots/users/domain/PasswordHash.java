package io.mallbots.users.domain;

import java.util.Objects;

/** A slow salted hash of a password (bcrypt's modular crypt format); all that is ever stored. */
public record PasswordHash(String value) {

  public PasswordHash {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "PasswordHash[redacted]";
  }
}

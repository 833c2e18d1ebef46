package io.mallbots.users.application.commands;

import io.mallbots.core.domain.Invalid;
import io.mallbots.users.domain.Password;

/**
 * Credentials offered at login; the username is only checked for presence (rules could hint at
 * names). {@code clientAddress} is where the attempt comes from, for the limit per address; null
 * when unknown.
 */
public record LogIn(String username, Password password, String clientAddress) {

  public LogIn {
    if (username == null || username.isEmpty()) {
      throw new Invalid("username is required");
    }
  }

  /** From an unknown address. */
  public LogIn(String username, Password password) {
    this(username, password, null);
  }
}

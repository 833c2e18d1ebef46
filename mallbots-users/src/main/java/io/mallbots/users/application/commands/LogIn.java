package io.mallbots.users.application.commands;

import io.mallbots.core.domain.Invalid;
import io.mallbots.users.domain.Password;

/** Credentials offered at login; the username is only checked for presence (rules could hint at names). */
public record LogIn(String username, Password password) {

  public LogIn {
    if (username == null || username.isEmpty()) {
      throw new Invalid("username is required");
    }
  }
}

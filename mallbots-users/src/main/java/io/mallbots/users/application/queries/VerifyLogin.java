package io.mallbots.users.application.queries;

import io.mallbots.core.domain.Invalid;

/** Whose is this access token? */
public record VerifyLogin(String token) {

  public VerifyLogin {
    if (token == null || token.isBlank()) {
      throw new Invalid("token is required");
    }
  }
}

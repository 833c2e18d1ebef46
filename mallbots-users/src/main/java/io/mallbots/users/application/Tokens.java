package io.mallbots.users.application;

import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserId;
import java.time.Instant;

/** Signed login tokens: issued at login, checked by LoginVerify. Cheap, so synchronous. */
public interface Tokens {

  /**
   * The one answer for a refused token, whatever is wrong with it (except its age), so refusals
   * teach nothing.
   */
  String NOT_VALID = "token is not valid";

  /** An access token and a refresh token for {@code user}. */
  Issued issue(User user);

  /**
   * Checks an access token's signature, kind and expiry.
   *
   * @throws io.mallbots.core.domain.Unauthenticated when the token is malformed, forged, expired or
   *     not an access token
   */
  Access verifyAccess(String token);

  /** What a login hands out. */
  record Issued(
      String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {}

  /** What a valid access token says. */
  record Access(UserId userId, Instant expiresAt) {}
}

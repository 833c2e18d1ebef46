package io.mallbots.users.adapters.auth;

import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.users.application.Tokens;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * {@link Tokens} as the mall's access tokens ({@link AccessTokens}: JWTs signed with HMAC-SHA256 under the
 * shared key), so that every service can check what users hands out. Access and refresh tokens differ by
 * their {@value AccessTokens#TOKEN_USE} claim, so a refresh token is never taken for an access token, and
 * only tokens users issued are a user's. Thread-safe.
 */
public final class JwtTokens implements Tokens {

  static final String REFRESH = "refresh";

  private final AccessTokens tokens;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final Clock clock;

  /** {@code key} must have at least 256 bits (HS256). */
  public JwtTokens(byte[] key, Duration accessTtl, Duration refreshTtl, Clock clock) {
    this.tokens = new AccessTokens(key, clock);
    this.accessTtl = accessTtl;
    this.refreshTtl = refreshTtl;
    this.clock = clock;
  }

  @Override
  public Issued issue(User user) {
    // JWT times have whole seconds: the expiry we report is the one the token carries.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant accessExpiry = now.plus(accessTtl);
    Instant refreshExpiry = now.plus(refreshTtl);
    return new Issued(sign(user, AccessTokens.ACCESS, accessExpiry), accessExpiry,
        sign(user, REFRESH, refreshExpiry), refreshExpiry);
  }

  @Override
  public Access verifyAccess(String token) {
    AccessTokens.Caller caller = tokens.verify(token);
    if (!AccessTokens.USERS.equals(caller.issuer())) {
      throw new Unauthenticated(NOT_VALID);
    }
    try {
      return new Access(UserId.parse(caller.subject()), caller.expiresAt());
    } catch (Invalid notAUser) {
      throw new Unauthenticated(NOT_VALID);
    }
  }

  private String sign(User user, String use, Instant expiresAt) {
    return tokens.sign(AccessTokens.USERS, user.id().toString(), use, expiresAt,
        Map.of("username", user.profile().username().value()));
  }
}

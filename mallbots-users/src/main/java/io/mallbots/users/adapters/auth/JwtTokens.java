package io.mallbots.users.adapters.auth;

import com.nimbusds.jose.jwk.ECKey;
import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.auth.UserTokenSigner;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.users.application.Tokens;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link Tokens} as the mall's access tokens: JWTs that users signs with its private key (ES256,
 * {@link UserTokenSigner}) and every service verifies with the public half ({@link AccessTokens}).
 * Access and refresh tokens differ by their {@value AccessTokens#TOKEN_USE} claim, so a refresh
 * token is never taken for an access token. The users named as operators get the {@value
 * AccessTokens#OPERATOR} role. Thread-safe.
 */
public final class JwtTokens implements Tokens {

  static final String REFRESH = "refresh";

  private final UserTokenSigner signer;
  private final AccessTokens verifier;
  private final Set<String> operatorIds;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final Clock clock;

  /** {@code key}: users' EC P-256 key pair (the private part signs, the public part verifies). */
  public JwtTokens(
      ECKey key, Set<String> operatorIds, Duration accessTtl, Duration refreshTtl, Clock clock) {
    this.signer = new UserTokenSigner(key, clock);
    this.verifier = new AccessTokens(key.toPublicJWK(), null, clock);
    this.operatorIds = Set.copyOf(operatorIds);
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
    return new Issued(
        sign(user, AccessTokens.ACCESS, accessExpiry),
        accessExpiry,
        sign(user, REFRESH, refreshExpiry),
        refreshExpiry);
  }

  @Override
  public Access verifyAccess(String token) {
    AccessTokens.Caller caller = verifier.verify(token, "users");
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
    Map<String, Object> claims =
        new HashMap<>(Map.of("username", user.profile().username().value()));
    if (operatorIds.contains(user.id().toString())) {
      claims.put(AccessTokens.ROLES, List.of(AccessTokens.OPERATOR));
    }
    return signer.sign(user.id().toString(), use, expiresAt, claims);
  }
}

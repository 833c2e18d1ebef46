package io.mallbots.users.adapters.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Unauthenticated;
import io.mallbots.users.application.Tokens;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserId;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/**
 * {@link Tokens} as JWTs signed with HMAC-SHA256 (nimbus-jose-jwt). Access and refresh tokens differ
 * by their {@value #TOKEN_USE} claim, so a refresh token is never taken for an access token. Only
 * HS256 with this service's key is accepted: {@code alg: none} and other algorithms are refused.
 * Thread-safe.
 */
public final class JwtTokens implements Tokens {

  static final String ISSUER = "mallbots-users";
  static final String TOKEN_USE = "token_use";
  static final String ACCESS = "access";
  static final String REFRESH = "refresh";

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration accessTtl;
  private final Duration refreshTtl;
  private final Clock clock;

  /** {@code key} must have at least 256 bits (HS256). */
  public JwtTokens(byte[] key, Duration accessTtl, Duration refreshTtl, Clock clock) {
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException tooShort) {
      throw new IllegalArgumentException("the token signing key must be at least 32 bytes", tooShort);
    }
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
    return new Issued(sign(user, ACCESS, now, accessExpiry), accessExpiry,
        sign(user, REFRESH, now, refreshExpiry), refreshExpiry);
  }

  @Override
  public Access verifyAccess(String token) {
    JWTClaimsSet claims = verifiedClaims(token);
    try {
      if (!ISSUER.equals(claims.getIssuer()) || !ACCESS.equals(claims.getStringClaim(TOKEN_USE))) {
        throw notValid();
      }
      Date expiry = claims.getExpirationTime();
      if (expiry == null || !clock.instant().isBefore(expiry.toInstant())) {
        throw new Unauthenticated("token has expired");
      }
      return new Access(UserId.parse(claims.getSubject()), expiry.toInstant());
    } catch (ParseException | Invalid badClaim) {
      throw notValid();
    }
  }

  private String sign(User user, String use, Instant issuedAt, Instant expiresAt) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER).subject(user.id().toString()).claim("username", user.profile().username().value())
        .claim(TOKEN_USE, use).issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
        .jwtID(UUID.randomUUID().toString()).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  private JWTClaimsSet verifiedClaims(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        throw notValid();
      }
      return jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException | IllegalStateException malformed) {
      throw notValid();
    }
  }

  private static Unauthenticated notValid() {
    return new Unauthenticated(NOT_VALID);
  }
}

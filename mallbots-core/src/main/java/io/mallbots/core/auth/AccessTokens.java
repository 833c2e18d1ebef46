package io.mallbots.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mallbots.core.domain.Unauthenticated;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The access tokens of MallBots: JWTs signed with HMAC-SHA256 under the shared {@code AUTH_SIGNING_KEY}.
 * Users signs shoppers' and store owners' tokens at login; every service verifies them, and signs short-lived
 * tokens of its own to call the others. Only HS256 is accepted ({@code alg: none} and others are refused),
 * only access tokens (a refresh token is not one), only from a known issuer. Thread-safe.
 */
public final class AccessTokens {

  /** The issuer of the tokens users hands out at login. */
  public static final String USERS = "mallbots-users";
  /** The issuer of the tokens services call each other with. */
  public static final String SERVICES = "mallbots-services";
  public static final String TOKEN_USE = "token_use";
  public static final String ACCESS = "access";
  private static final Set<String> ISSUERS = Set.of(USERS, SERVICES);
  private static final String NOT_VALID = "token is not valid";

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Clock clock;

  /** {@code key} must have at least 256 bits (HS256). */
  public AccessTokens(byte[] key, Clock clock) {
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException tooShort) {
      throw new IllegalArgumentException("the token signing key must be at least 32 bytes", tooShort);
    }
    this.clock = clock;
  }

  /** Who a verified token speaks for: a user id, or {@code service:<name>}. */
  public record Caller(String subject, String issuer, Instant expiresAt) {

    public boolean isService() {
      return SERVICES.equals(issuer);
    }
  }

  /** Signs a token with {@code claims} set on top of the common ones (issuer, subject, use, times, id). */
  public String sign(String issuer, String subject, String use, Instant expiresAt, java.util.Map<String, Object> claims) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).claim(TOKEN_USE, use)
        .issueTime(Date.from(now)).expirationTime(Date.from(expiresAt)).jwtID(UUID.randomUUID().toString());
    claims.forEach(builder::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  /** A token for {@code service} to call the other services with, valid for {@code ttl}. */
  public String serviceToken(String service, Duration ttl) {
    return sign(SERVICES, "service:" + service, ACCESS,
        clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(ttl), java.util.Map.of());
  }

  /**
   * {@code service}'s tokens for calling the others: each lives {@code ttl} and a new one is made once half
   * of that has passed, so a call never carries one about to expire.
   */
  public Supplier<String> serviceTokens(String service, Duration ttl) {
    return new Supplier<>() {
      private String token;
      private Instant renewAt = Instant.MIN;

      @Override
      public synchronized String get() {
        Instant now = clock.instant();
        if (!now.isBefore(renewAt)) {
          token = serviceToken(service, ttl);
          renewAt = now.plus(ttl.dividedBy(2));
        }
        return token;
      }
    };
  }

  /** The caller of a valid, unexpired access token; otherwise {@link Unauthenticated}. */
  public Caller verify(String token) {
    JWTClaimsSet claims = verifiedClaims(token);
    try {
      if (!ISSUERS.contains(claims.getIssuer()) || !ACCESS.equals(claims.getStringClaim(TOKEN_USE))
          || claims.getSubject() == null) {
        throw new Unauthenticated(NOT_VALID);
      }
    } catch (ParseException badClaim) {
      throw new Unauthenticated(NOT_VALID);
    }
    Date expiry = claims.getExpirationTime();
    if (expiry == null || !clock.instant().isBefore(expiry.toInstant())) {
      throw new Unauthenticated("token has expired");
    }
    return new Caller(claims.getSubject(), claims.getIssuer(), expiry.toInstant());
  }

  /** The claims of a well-formed token signed with this key (any use, any issuer); otherwise {@link Unauthenticated}. */
  public JWTClaimsSet verifiedClaims(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
        throw new Unauthenticated(NOT_VALID);
      }
      return jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException | IllegalStateException | NullPointerException malformed) {
      throw new Unauthenticated(NOT_VALID);
    }
  }
}

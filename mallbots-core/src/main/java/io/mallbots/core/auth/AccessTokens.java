package io.mallbots.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mallbots.core.domain.Unauthenticated;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The access tokens of MallBots, verified by every service. Two kinds, told apart by their issuer
 * and each with its own algorithm, so one can never pass for the other:
 *
 * <ul>
 *   <li>users' tokens ({@value #USERS}): ES256, signed by users' private key ({@link
 *       UserTokenSigner}) and verified here with its public key, so no other service can mint a
 *       user's token;
 *   <li>service tokens ({@value #SERVICES}): HS256 under {@code SERVICE_TOKEN_KEY}, which only the
 *       services hold; each names one audience, the service it is for, and is refused by every
 *       other.
 * </ul>
 *
 * Only access tokens pass (a refresh token is not one); {@code alg: none} and any other algorithm
 * are refused. Thread-safe.
 */
public final class AccessTokens {

  /** The issuer of the tokens users hands out at login. */
  public static final String USERS = "mallbots-users";

  /** The issuer of the tokens services call each other with. */
  public static final String SERVICES = "mallbots-services";

  public static final String TOKEN_USE = "token_use";
  public static final String ACCESS = "access";

  /** The claim listing a user's roles, e.g. {@value #OPERATOR}. */
  public static final String ROLES = "roles";

  /** The role of the mall's operators (dead letters and other admin routes). */
  public static final String OPERATOR = "operator";

  private static final String SERVICE_SUBJECT = "service:";
  private static final String NOT_VALID = "token is not valid";

  private final JWSVerifier users;
  private final MACSigner serviceSigner;
  private final MACVerifier serviceVerifier;
  private final Clock clock;

  /**
   * @param usersPublicKey users' public key (EC P-256); {@code null}: no user token is accepted
   * @param serviceKey the services' shared key, at least 32 bytes; {@code null}: no service token
   *     is signed or accepted
   */
  public AccessTokens(ECKey usersPublicKey, byte[] serviceKey, Clock clock) {
    try {
      this.users = usersPublicKey == null ? null : new ECDSAVerifier(usersPublicKey.toPublicJWK());
      this.serviceSigner = serviceKey == null ? null : new MACSigner(serviceKey);
      this.serviceVerifier = serviceKey == null ? null : new MACVerifier(serviceKey);
    } catch (JOSEException unusable) {
      throw new IllegalArgumentException("unusable token key: " + unusable.getMessage(), unusable);
    }
    this.clock = clock;
  }

  /**
   * Who a verified token speaks for: a user id, or {@code service:<name>} for a service.
   *
   * @param roles a user's roles, e.g. {@value #OPERATOR}; empty for services
   */
  public record Caller(String subject, String issuer, Instant expiresAt, Set<String> roles) {

    public Caller {
      roles = Set.copyOf(roles);
    }

    public boolean isService() {
      return SERVICES.equals(issuer);
    }

    public boolean isOperator() {
      return !isService() && roles.contains(OPERATOR);
    }
  }

  /**
   * A token for service {@code caller} to call service {@code audience} with, valid for {@code
   * ttl}.
   */
  public String serviceToken(String caller, String audience, Duration ttl) {
    if (serviceSigner == null) {
      throw new IllegalStateException(
          "no SERVICE_TOKEN_KEY: this service cannot sign service tokens");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(SERVICES)
            .subject(SERVICE_SUBJECT + caller)
            .audience(audience)
            .claim(TOKEN_USE, ACCESS)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(serviceSigner);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a service token", e);
    }
    return jwt.serialize();
  }

  /**
   * Service {@code caller}'s tokens, one per audience: each lives {@code ttl} and a new one is made
   * once half of that has passed, so a call never carries one about to expire.
   */
  public Function<String, String> serviceTokens(String caller, Duration ttl) {
    Map<String, Renewed> byAudience = new ConcurrentHashMap<>();
    return audience ->
        byAudience
            .compute(
                audience,
                (key, current) -> {
                  Instant now = clock.instant();
                  return current != null && now.isBefore(current.renewAt())
                      ? current
                      : new Renewed(serviceToken(caller, key, ttl), now.plus(ttl.dividedBy(2)));
                })
            .token();
  }

  private record Renewed(String token, Instant renewAt) {}

  /**
   * The caller of a valid, unexpired access token presented to service {@code audience}; otherwise
   * {@link Unauthenticated}. A service token must name {@code audience}.
   */
  public Caller verify(String token, String audience) {
    JWTClaimsSet claims = verifiedClaims(token);
    try {
      if (!ACCESS.equals(claims.getStringClaim(TOKEN_USE)) || claims.getSubject() == null) {
        throw new Unauthenticated(NOT_VALID);
      }
      Date expiry = claims.getExpirationTime();
      if (expiry == null || !clock.instant().isBefore(expiry.toInstant())) {
        throw new Unauthenticated("token has expired");
      }
      boolean service = SERVICES.equals(claims.getIssuer());
      if (service
          && (!claims.getSubject().startsWith(SERVICE_SUBJECT)
              || !claims.getAudience().contains(audience))) {
        throw new Unauthenticated("this service token is not for " + audience);
      }
      List<String> roles = service ? null : claims.getStringListClaim(ROLES);
      return new Caller(
          claims.getSubject(),
          claims.getIssuer(),
          expiry.toInstant(),
          roles == null ? Set.of() : Set.copyOf(roles));
    } catch (ParseException | NullPointerException badClaim) {
      throw new Unauthenticated(NOT_VALID);
    }
  }

  /**
   * The claims of a well-formed token of either kind with a valid signature (any use, any audience,
   * expired or not); otherwise {@link Unauthenticated}. The issuer decides the one algorithm and
   * key that may verify it.
   */
  public JWTClaimsSet verifiedClaims(String token) {
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      String issuer = jwt.getJWTClaimsSet().getIssuer();
      JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
      boolean valid;
      if (USERS.equals(issuer)) {
        valid = users != null && JWSAlgorithm.ES256.equals(algorithm) && jwt.verify(users);
      } else if (SERVICES.equals(issuer)) {
        valid =
            serviceVerifier != null
                && JWSAlgorithm.HS256.equals(algorithm)
                && jwt.verify(serviceVerifier);
      } else {
        valid = false;
      }
      if (!valid) {
        throw new Unauthenticated(NOT_VALID);
      }
      return jwt.getJWTClaimsSet();
    } catch (ParseException
        | JOSEException
        | IllegalStateException
        | NullPointerException malformed) {
      throw new Unauthenticated(NOT_VALID);
    }
  }
}

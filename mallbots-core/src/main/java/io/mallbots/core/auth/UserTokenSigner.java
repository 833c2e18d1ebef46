package io.mallbots.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Signs users' tokens (issuer {@value AccessTokens#USERS}, ES256) with users' private key. Only the
 * users service holds that key; every other service verifies with the public half ({@link
 * AccessTokens}). Thread-safe.
 */
public final class UserTokenSigner {

  private final ECDSASigner signer;
  private final String keyId;
  private final Clock clock;

  /** {@code privateKey}: an EC P-256 key with its private part. */
  public UserTokenSigner(ECKey privateKey, Clock clock) {
    if (!privateKey.isPrivate()) {
      throw new IllegalArgumentException(
          "AUTH_PRIVATE_KEY must hold the private key (its \"d\" member)");
    }
    try {
      this.signer = new ECDSASigner(privateKey);
    } catch (JOSEException unusable) {
      throw new IllegalArgumentException(
          "AUTH_PRIVATE_KEY is not an EC P-256 key: " + unusable.getMessage(), unusable);
    }
    this.keyId = privateKey.getKeyID();
    this.clock = clock;
  }

  /**
   * A token for user {@code subject}, of {@code use} (access or refresh), with {@code claims} on
   * top.
   */
  public String sign(String subject, String use, Instant expiresAt, Map<String, Object> claims) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet.Builder builder =
        new JWTClaimsSet.Builder()
            .issuer(AccessTokens.USERS)
            .subject(subject)
            .claim(AccessTokens.TOKEN_USE, use)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString());
    claims.forEach(builder::claim);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(), builder.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }
}

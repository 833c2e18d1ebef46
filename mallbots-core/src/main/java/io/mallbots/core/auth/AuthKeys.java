package io.mallbots.core.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The key material of access tokens as settings: users' EC P-256 key pair as JWKs ({@code
 * AUTH_PRIVATE_KEY}, users only; {@code AUTH_PUBLIC_KEY}, every service) and the services' shared
 * {@code SERVICE_TOKEN_KEY}. {@link #throwAway()} makes a fresh set for a development run that
 * requires tokens.
 */
public record AuthKeys(String privateKey, String publicKey, String serviceKey) {

  public static final String PRIVATE_KEY = "AUTH_PRIVATE_KEY";
  public static final String PUBLIC_KEY = "AUTH_PUBLIC_KEY";
  public static final String SERVICE_KEY = "SERVICE_TOKEN_KEY";

  /** New keys, never written anywhere: tokens signed with them die with the run. */
  public static AuthKeys throwAway() {
    try {
      ECKey pair = new ECKeyGenerator(Curve.P_256).keyID("dev-" + UUID.randomUUID()).generate();
      byte[] service = new byte[48];
      new SecureRandom().nextBytes(service);
      return new AuthKeys(
          pair.toJSONString(),
          pair.toPublicJWK().toJSONString(),
          Base64.getUrlEncoder().withoutPadding().encodeToString(service));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a key pair", e);
    }
  }

  /**
   * Prints a fresh set as {@code NAME='value'} lines, for an env file or a secret store ({@code
   * make token-keys}).
   */
  public static void main(String[] args) {
    throwAway().asSettings().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> System.out.println(e.getKey() + "='" + e.getValue() + "'"));
  }

  /** The three keys as the settings the services read. */
  public Map<String, String> asSettings() {
    return Map.of(PRIVATE_KEY, privateKey, PUBLIC_KEY, publicKey, SERVICE_KEY, serviceKey);
  }

  /** An EC P-256 JWK from {@code setting}'s value; fails naming the setting. */
  public static ECKey parseEcKey(String json, String setting) {
    try {
      ECKey key = ECKey.parse(json);
      if (!Curve.P_256.equals(key.getCurve())) {
        throw new IllegalArgumentException(
            setting + " must be an EC key on curve P-256, got " + key.getCurve());
      }
      return key;
    } catch (ParseException malformed) {
      throw new IllegalArgumentException(
          setting + " must be an EC P-256 key as a JWK (JSON): " + malformed.getMessage(),
          malformed);
    }
  }
}

package io.mallbots.core.config;

import com.nimbusds.jose.jwk.ECKey;
import io.mallbots.core.auth.AuthKeys;
import java.nio.charset.StandardCharsets;

/**
 * Whether a service takes only callers with an access token, and the keys that prove one ({@link
 * AuthKeys}).
 *
 * @param required {@code AUTH_REQUIRED}: every RPC but those open to all needs {@code
 *     authorization: Bearer <token>}
 * @param publicKey {@code AUTH_PUBLIC_KEY}: users' public key, which verifies users' tokens;
 *     derived from {@code privateKey} when only that is set; {@code null} when neither is
 * @param privateKey {@code AUTH_PRIVATE_KEY}: users' private key (users signs logins with it);
 *     {@code null} elsewhere
 * @param serviceKey {@code SERVICE_TOKEN_KEY}: the services' shared key for the tokens they call
 *     each other with
 */
public record AuthSettings(boolean required, ECKey publicKey, ECKey privateKey, byte[] serviceKey) {

  static final int MIN_KEY_BYTES = 32;

  /**
   * Whether {@code settings} say the services take only callers with a token ({@code
   * AUTH_REQUIRED}, off unless set), read as the services read it. For a client of the mall (the
   * bench), which must know whether to log in but holds no key.
   */
  public static boolean requiredBy(Settings settings) {
    return settings.bool("AUTH_REQUIRED", false);
  }

  static AuthSettings from(Settings settings) {
    boolean required = requiredBy(settings);
    String privateJwk = settings.string(AuthKeys.PRIVATE_KEY, null);
    String publicJwk = settings.string(AuthKeys.PUBLIC_KEY, null);
    String service = settings.string(AuthKeys.SERVICE_KEY, null);
    ECKey privateKey =
        privateJwk == null ? null : AuthKeys.parseEcKey(privateJwk, AuthKeys.PRIVATE_KEY);
    if (privateKey != null && !privateKey.isPrivate()) {
      throw new IllegalArgumentException(
          AuthKeys.PRIVATE_KEY + " holds a public key only (no \"d\" member)");
    }
    ECKey publicKey =
        publicJwk != null
            ? AuthKeys.parseEcKey(publicJwk, AuthKeys.PUBLIC_KEY).toPublicJWK()
            : privateKey == null ? null : privateKey.toPublicJWK();
    byte[] serviceKey = service == null ? null : service.getBytes(StandardCharsets.UTF_8);
    if (serviceKey != null && serviceKey.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          AuthKeys.SERVICE_KEY + " must be at least " + MIN_KEY_BYTES + " bytes");
    }
    if (required && (publicKey == null || serviceKey == null)) {
      throw new IllegalArgumentException(
          "AUTH_REQUIRED=true needs "
              + AuthKeys.PUBLIC_KEY
              + " (users' public key, a JWK) and "
              + AuthKeys.SERVICE_KEY
              + " (the services' shared key); "
              + "make run generates throw-away ones in development");
    }
    return new AuthSettings(required, publicKey, privateKey, serviceKey);
  }

  @Override
  public String toString() {
    return "AuthSettings[required="
        + required
        + ", publicKey="
        + (publicKey == null ? "none" : publicKey.getKeyID())
        + ", privateKey="
        + (privateKey == null ? "none" : "redacted")
        + ", serviceKey="
        + (serviceKey == null ? "none" : "redacted")
        + "]";
  }
}

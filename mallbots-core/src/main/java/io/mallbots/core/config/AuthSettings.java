package io.mallbots.core.config;

import java.nio.charset.StandardCharsets;

/**
 * Whether a service takes only callers with an access token, and the key that proves one.
 *
 * @param required   {@code AUTH_REQUIRED}: every RPC but those open to all needs {@code authorization: Bearer <token>}
 * @param signingKey {@code AUTH_SIGNING_KEY}: HMAC-SHA256 key shared with users, who signs the tokens (32+ bytes)
 */
public record AuthSettings(boolean required, byte[] signingKey) {

  static final int MIN_KEY_BYTES = 32;

  /**
   * Whether {@code settings} say the services take only callers with a token ({@code AUTH_REQUIRED}, off unless
   * set), read as the services read it. For a client of the mall (the bench), which must know whether to log in
   * but holds no signing key.
   */
  public static boolean requiredBy(Settings settings) {
    return settings.bool("AUTH_REQUIRED", false);
  }

  static AuthSettings from(Settings settings) {
    boolean required = requiredBy(settings);
    String key = settings.string("AUTH_SIGNING_KEY", null);
    if (key == null) {
      if (required) {
        throw new IllegalArgumentException("AUTH_REQUIRED=true needs AUTH_SIGNING_KEY (the key users signs tokens with)");
      }
      return new AuthSettings(false, null);
    }
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("AUTH_SIGNING_KEY must be at least " + MIN_KEY_BYTES + " bytes");
    }
    return new AuthSettings(required, bytes);
  }

  @Override
  public String toString() {
    return "AuthSettings[required=" + required + ", signingKey=" + (signingKey == null ? "none" : "redacted") + "]";
  }
}

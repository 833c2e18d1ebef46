package io.mallbots.users.agent;

import io.mallbots.core.config.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The users service's own settings (the rest are in {@code CoreSettings}). Built once at start; a bad
 * value, or the development signing key when {@code MALLBOTS_ENV=prod}, fails the start.
 *
 * @param bcryptCost         {@code BCRYPT_COST}: bcrypt's log2 work factor (4..31; 10 or more in production)
 * @param signingKey         {@code AUTH_SIGNING_KEY}: HMAC-SHA256 key of the login tokens, at least 32 bytes
 * @param accessTokenTtl     {@code ACCESS_TOKEN_TTL_SECONDS}
 * @param refreshTokenTtl    {@code REFRESH_TOKEN_TTL_SECONDS}
 * @param developmentKey     whether {@code signingKey} is the published development default
 * @param loginAttemptsPerMinutePerUsername {@code LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME}: password checks allowed
 *                                          for one username in any minute
 * @param loginAttemptsPerMinutePerAddress  {@code LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS}: password checks allowed
 *                                          from one client address in any minute
 */
public record UsersSettings(int bcryptCost, byte[] signingKey, Duration accessTokenTtl, Duration refreshTokenTtl,
                            boolean developmentKey,
                            int loginAttemptsPerMinutePerUsername, int loginAttemptsPerMinutePerAddress) {

  /** The key {@code app.env} ships with. Public knowledge, so tokens signed with it prove nothing. */
  static final String DEVELOPMENT_SIGNING_KEY = "development-only-signing-key-not-a-secret-change-me";
  static final int MIN_KEY_BYTES = 32;

  public static UsersSettings from(Settings settings) {
    String key = settings.required("AUTH_SIGNING_KEY");
    boolean development = key.equals(DEVELOPMENT_SIGNING_KEY);
    if (development && "prod".equalsIgnoreCase(settings.string("MALLBOTS_ENV", "dev"))) {
      throw new IllegalArgumentException("AUTH_SIGNING_KEY is the development default, which is not allowed "
          + "with MALLBOTS_ENV=prod: set a random secret of at least " + MIN_KEY_BYTES + " bytes");
    }
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    if (keyBytes.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("AUTH_SIGNING_KEY must be at least " + MIN_KEY_BYTES + " bytes");
    }
    return new UsersSettings(
        between(settings, "BCRYPT_COST", 10, 4, 31),
        keyBytes,
        Duration.ofSeconds(between(settings, "ACCESS_TOKEN_TTL_SECONDS", 300, 1, Integer.MAX_VALUE)),
        Duration.ofSeconds(between(settings, "REFRESH_TOKEN_TTL_SECONDS", 604_800, 1, Integer.MAX_VALUE)),
        development,
        between(settings, "LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME", 10, 1, 1_000_000),
        between(settings, "LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS", 60, 1, 1_000_000));
  }

  private static int between(Settings settings, String key, int fallback, int min, int max) {
    int value = settings.integer(key, fallback);
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "UsersSettings[bcryptCost=" + bcryptCost + ", signingKey=redacted, accessTokenTtl=" + accessTokenTtl
        + ", refreshTokenTtl=" + refreshTokenTtl + ", developmentKey=" + developmentKey
        + ", loginAttemptsPerMinutePerUsername=" + loginAttemptsPerMinutePerUsername
        + ", loginAttemptsPerMinutePerAddress=" + loginAttemptsPerMinutePerAddress + "]";
  }
}

package io.mallbots.users.agent;

import io.mallbots.core.config.Settings;
import io.mallbots.core.domain.Uuids;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The users service's own settings (the rest, including the key users signs tokens with, are in
 * {@code CoreSettings}). Built once at start; a bad value fails the start naming the variable.
 *
 * @param bcryptCost {@code BCRYPT_COST}: bcrypt's log2 work factor (4..31; 10 or more in
 *     production)
 * @param accessTokenTtl {@code ACCESS_TOKEN_TTL_SECONDS}
 * @param refreshTokenTtl {@code REFRESH_TOKEN_TTL_SECONDS}
 * @param operatorIds {@code OPERATOR_USER_IDS}: the users whose tokens carry the operator role
 *     (comma-separated user ids; a user registers as anyone does, then the deployment names their
 *     id)
 * @param loginAttemptsPerMinutePerUsername {@code LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME}: password
 *     checks allowed for one username in any minute
 * @param loginAttemptsPerMinutePerAddress {@code LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS}: password
 *     checks allowed from one client address in any minute
 */
public record UsersSettings(
    int bcryptCost,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Set<String> operatorIds,
    int loginAttemptsPerMinutePerUsername,
    int loginAttemptsPerMinutePerAddress) {

  public UsersSettings {
    operatorIds = Set.copyOf(operatorIds);
  }

  public static UsersSettings from(Settings settings) {
    return new UsersSettings(
        between(settings, "BCRYPT_COST", 10, 4, 31),
        Duration.ofSeconds(
            between(settings, "ACCESS_TOKEN_TTL_SECONDS", 300, 1, Integer.MAX_VALUE)),
        Duration.ofSeconds(
            between(settings, "REFRESH_TOKEN_TTL_SECONDS", 604_800, 1, Integer.MAX_VALUE)),
        Arrays.stream(settings.string("OPERATOR_USER_IDS", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(id -> Uuids.parse(id, "OPERATOR_USER_IDS").toString())
            .collect(Collectors.toSet()),
        between(settings, "LOGIN_ATTEMPTS_PER_MINUTE_PER_USERNAME", 10, 1, 1_000_000),
        between(settings, "LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS", 60, 1, 1_000_000));
  }

  private static int between(Settings settings, String key, int fallback, int min, int max) {
    int value = settings.integer(key, fallback);
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}

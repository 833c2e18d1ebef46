package io.mallbots.app.secure;

import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.auth.UserTokenSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Tokens as the mall's own parties would hold them, made with the running mall's keys: a user's
 * (what users' Login hands out), an operator's (a user named in {@code OPERATOR_USER_IDS}) and a
 * service's for one audience.
 */
final class MallTokens {

  private final UserTokenSigner users;
  private final AccessTokens services;

  MallTokens(AuthKeys keys) {
    this.users =
        new UserTokenSigner(
            AuthKeys.parseEcKey(keys.privateKey(), AuthKeys.PRIVATE_KEY), Clock.systemUTC());
    this.services =
        new AccessTokens(
            null, keys.serviceKey().getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
  }

  String user(String userId) {
    return users.sign(
        userId, AccessTokens.ACCESS, Instant.now().plus(Duration.ofMinutes(5)), Map.of());
  }

  String operator(String userId) {
    return users.sign(
        userId,
        AccessTokens.ACCESS,
        Instant.now().plus(Duration.ofMinutes(5)),
        Map.of(AccessTokens.ROLES, List.of(AccessTokens.OPERATOR)));
  }

  /** A token of the ordering service for calling {@code audience}. */
  String service(String audience) {
    return services.serviceToken("ordering", audience, Duration.ofMinutes(5));
  }
}

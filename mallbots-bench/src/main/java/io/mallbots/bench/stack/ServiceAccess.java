package io.mallbots.bench.stack;

import io.mallbots.core.auth.AuthKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What service JVMs a run starts (chaos, the bench's separate JVMs) are told about access tokens.
 */
public final class ServiceAccess {

  private ServiceAccess() {}

  /**
   * {@code AUTH_REQUIRED} said outright (they would otherwise also read it from this JVM's
   * environment, which they inherit) and the token keys, the same in all seven: those of the
   * environment when it sets them, else a throw-away set for the run.
   */
  public static Map<String, String> settings(Map<String, String> env, boolean required) {
    Map<String, String> access =
        new HashMap<>(
            Map.of(
                "AUTH_REQUIRED",
                Boolean.toString(required),
                // Every shopper logs in from this one machine: the per-address login limit is for
                // the wild.
                "LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS",
                "1000000"));
    List<String> keys = List.of(AuthKeys.PUBLIC_KEY, AuthKeys.PRIVATE_KEY, AuthKeys.SERVICE_KEY);
    if (keys.stream().allMatch(key -> env.get(key) == null || env.get(key).isBlank())) {
      access.putAll(AuthKeys.throwAway().asSettings());
    } else {
      keys.stream()
          .filter(key -> env.get(key) != null && !env.get(key).isBlank())
          .forEach(key -> access.put(key, env.get(key)));
    }
    return access;
  }
}

package io.mallbots.core.auth;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prints an operator's access token signed with users' private key ({@code AUTH_PRIVATE_KEY} from
 * the environment), for tools that call the operators' management routes with no one logged in:
 * {@code make swap-broker MODE=pause} pauses the services with it. The subject is {@code
 * operator:<name>} (the first argument, default {@code tool}); it lives 30 minutes. Only who holds
 * the private key can make one, as only users can sign logins.
 */
public final class OperatorToken {

  /** How long a tool's token lives: long enough for a swap, short enough to be worthless after. */
  public static final Duration TTL = Duration.ofMinutes(30);

  private OperatorToken() {}

  /**
   * A token for operator {@code subject}, signed with {@code privateKey}, valid for {@link #TTL}.
   */
  public static String sign(ECKey privateKey, String subject, Clock clock) {
    return new UserTokenSigner(privateKey, clock)
        .sign(
            subject,
            AccessTokens.ACCESS,
            clock.instant().plus(TTL),
            Map.of(AccessTokens.ROLES, List.of(AccessTokens.OPERATOR)));
  }

  public static void main(String[] args) {
    String jwk = System.getenv(AuthKeys.PRIVATE_KEY);
    if (jwk == null || jwk.isBlank()) {
      System.err.println(AuthKeys.PRIVATE_KEY + " is not set: no operator token can be signed");
      System.exit(2);
    }
    String name = args.length > 0 ? args[0] : "tool";
    System.out.println(
        sign(
            AuthKeys.parseEcKey(jwk, AuthKeys.PRIVATE_KEY), "operator:" + name, Clock.systemUTC()));
  }
}

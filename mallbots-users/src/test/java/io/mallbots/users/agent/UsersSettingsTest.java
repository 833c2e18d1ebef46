package io.mallbots.users.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class UsersSettingsTest {

  @Test
  void app_env_ships_no_key_and_production_defaults(Vertx vertx) {
    Settings loaded = Settings.load(vertx, "users", Map.of()).await();
    UsersSettings settings = UsersSettings.from(loaded);

    assertThat(loaded.string(AuthKeys.PRIVATE_KEY, null)).isNull();
    assertThat(settings.bcryptCost()).isEqualTo(10);
    assertThat(settings.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(settings.operatorIds()).isEmpty();
    assertThat(settings.loginAttemptsPerMinutePerUsername()).isEqualTo(10);
    assertThat(settings.loginAttemptsPerMinutePerAddress()).isEqualTo(60);
  }

  @Test
  void required_tokens_need_the_private_key_to_sign_logins() {
    AuthKeys keys = AuthKeys.throwAway();
    var publicOnly =
        CoreSettings.from(
                Settings.of(
                    "users",
                    Map.of(
                        "AUTH_REQUIRED",
                        "true",
                        AuthKeys.PUBLIC_KEY,
                        keys.publicKey(),
                        AuthKeys.SERVICE_KEY,
                        keys.serviceKey())))
            .auth();
    assertThatThrownBy(() -> UsersVerticle.signingKey(publicOnly))
        .hasMessageContaining("AUTH_PRIVATE_KEY");
  }

  @Test
  void a_public_key_that_is_not_the_private_keys_half_is_refused() {
    AuthKeys keys = AuthKeys.throwAway();
    var mismatched =
        CoreSettings.from(
                Settings.of(
                    "users",
                    Map.of(
                        AuthKeys.PRIVATE_KEY,
                        keys.privateKey(),
                        AuthKeys.PUBLIC_KEY,
                        AuthKeys.throwAway().publicKey())))
            .auth();
    assertThatThrownBy(() -> UsersVerticle.signingKey(mismatched))
        .hasMessageContaining("public half");
    var matching = CoreSettings.from(Settings.of("users", keys.asSettings())).auth();
    assertThat(UsersVerticle.signingKey(matching).isPrivate()).isTrue();
  }

  @Test
  void operators_are_named_by_user_id() {
    String id = "7b1c6f2e-0000-4000-8000-000000000001";
    assertThat(
            UsersSettings.from(Settings.of("users", Map.of("OPERATOR_USER_IDS", " " + id + " ,")))
                .operatorIds())
        .containsExactly(id);
    assertThatThrownBy(
            () -> UsersSettings.from(Settings.of("users", Map.of("OPERATOR_USER_IDS", "admin"))))
        .hasMessageContaining("OPERATOR_USER_IDS");
  }

  @Test
  void a_bcrypt_cost_outside_4_to_31_is_refused() {
    Map<String, String> values = new HashMap<>(Map.of("BCRYPT_COST", "3"));
    assertThatThrownBy(() -> UsersSettings.from(Settings.of("users", values)))
        .hasMessageContaining("BCRYPT_COST");
  }

  @Test
  void login_limits_below_one_are_refused() {
    Map<String, String> values =
        new HashMap<>(Map.of("LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS", "0"));
    assertThatThrownBy(() -> UsersSettings.from(Settings.of("users", values)))
        .hasMessageContaining("LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS");
  }
}

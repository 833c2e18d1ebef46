package io.mallbots.users.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.config.Settings;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsersSettingsTest {

  private static final String REAL_KEY = "a-real-secret-generated-for-this-deployment-0123456789";

  @Test
  void app_env_ships_the_marked_development_key_and_production_defaults() {
    Vertx vertx = Vertx.vertx();
    try {
      UsersSettings settings = UsersSettings.from(Settings.load(vertx, "users", Map.of()).await());

      assertThat(settings.developmentKey()).isTrue();
      assertThat(settings.bcryptCost()).isEqualTo(10);
      assertThat(settings.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
      assertThat(settings.refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
      assertThat(settings.loginAttemptsPerMinutePerUsername()).isEqualTo(10);
      assertThat(settings.loginAttemptsPerMinutePerAddress()).isEqualTo(60);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void production_refuses_the_development_key() {
    assertThatThrownBy(() -> UsersSettings.from(settings(UsersSettings.DEVELOPMENT_SIGNING_KEY, "prod")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AUTH_SIGNING_KEY")
        .hasMessageContaining("MALLBOTS_ENV=prod");
  }

  @Test
  void production_accepts_a_key_of_its_own() {
    UsersSettings settings = UsersSettings.from(settings(REAL_KEY, "prod"));

    assertThat(settings.developmentKey()).isFalse();
    assertThat(settings.toString()).doesNotContain(REAL_KEY);
  }

  @Test
  void a_key_shorter_than_32_bytes_is_refused() {
    assertThatThrownBy(() -> UsersSettings.from(settings("too-short", "dev")))
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void a_bcrypt_cost_outside_4_to_31_is_refused() {
    Map<String, String> values = new HashMap<>(Map.of("AUTH_SIGNING_KEY", REAL_KEY, "BCRYPT_COST", "3"));
    assertThatThrownBy(() -> UsersSettings.from(Settings.of("users", values))).hasMessageContaining("BCRYPT_COST");
  }

  @Test
  void login_limits_below_one_are_refused() {
    Map<String, String> values = new HashMap<>(Map.of("AUTH_SIGNING_KEY", REAL_KEY,
        "LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS", "0"));
    assertThatThrownBy(() -> UsersSettings.from(Settings.of("users", values)))
        .hasMessageContaining("LOGIN_ATTEMPTS_PER_MINUTE_PER_ADDRESS");
  }

  private static Settings settings(String key, String environment) {
    return Settings.of("users", Map.of("AUTH_SIGNING_KEY", key, "MALLBOTS_ENV", environment));
  }
}

package io.mallbots.notifications.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.core.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsSettingsTest {

  @Test
  void app_env_ships_the_original_ports_the_log_notifier_and_the_users_endpoint() {
    Vertx vertx = Vertx.vertx();
    try {
      Settings raw = Settings.load(vertx, "notifications", Map.of()).await();
      NotificationsSettings settings = NotificationsSettings.from(raw);
      CoreSettings core = CoreSettings.from(raw);

      assertThat(settings.notifier()).isEqualTo(NotificationsSettings.Notifier.LOG);
      assertThat(settings.users()).isEqualTo(SocketAddress.inetSocketAddress(5080, "127.0.0.1"));
      assertThat(settings.usersTimeout()).isEqualTo(2000);
      assertThat(core.grpcPort()).isEqualTo(5010);
      assertThat(core.httpPort()).isEqualTo(8010);
      assertThat(core.postgres().schema()).isEqualTo("notifications");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void an_unknown_notifier_is_refused_naming_the_variable() {
    assertThatThrownBy(() -> NotificationsSettings.from(settings("NOTIFIER", "sms")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NOTIFIER")
        .hasMessageContaining("log");
  }

  @Test
  void a_users_endpoint_that_is_not_host_and_port_is_refused() {
    assertThatThrownBy(() -> NotificationsSettings.from(settings("USERS_GRPC_ENDPOINT", "users")))
        .hasMessageContaining("USERS_GRPC_ENDPOINT");
    assertThatThrownBy(() -> NotificationsSettings.from(Settings.of("notifications", Map.of())))
        .hasMessageContaining("USERS_GRPC_ENDPOINT is required");
  }

  @Test
  void a_users_timeout_below_one_millisecond_is_refused() {
    assertThatThrownBy(() -> NotificationsSettings.from(settings("USERS_GRPC_TIMEOUT_MS", "0")))
        .hasMessageContaining("USERS_GRPC_TIMEOUT_MS");
  }

  @Test
  void the_service_refuses_to_start_with_a_bad_setting_before_touching_anything() {
    Vertx vertx = Vertx.vertx();
    try {
      var overrides =
          new HashMap<>(TestServices.overrides(TestDatabases.freshSchema("notifications_refused")));
      overrides.put("NOTIFIER", "pigeon");
      assertThatThrownBy(() -> vertx.deployVerticle(new NotificationsVerticle(overrides)).await())
          .hasMessageContaining("NOTIFIER");
    } finally {
      vertx.close().await();
    }
  }

  private static Settings settings(String key, String value) {
    Map<String, String> values = new HashMap<>(Map.of("USERS_GRPC_ENDPOINT", "127.0.0.1:5080"));
    values.put(key, value);
    return Settings.of("notifications", values);
  }
}

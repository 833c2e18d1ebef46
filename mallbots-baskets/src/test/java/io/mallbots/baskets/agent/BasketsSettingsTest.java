package io.mallbots.baskets.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.config.Settings;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The baskets service's own settings: app.env gives every one, bad values name the variable. */
class BasketsSettingsTest {

  @Test
  void app_env_points_at_stores_on_its_default_port() {
    Vertx vertx = Vertx.vertx();
    try {
      BasketsSettings settings =
          BasketsSettings.from(Settings.load(vertx, "baskets", Map.of()).await());

      assertThat(settings.stores().port()).isEqualTo(5090);
      assertThat(settings.storesTimeout()).isPositive();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void a_stores_endpoint_without_a_port_names_the_variable() {
    assertThatThrownBy(
            () ->
                BasketsSettings.from(
                    Settings.of("baskets", Map.of("STORES_GRPC_ENDPOINT", "stores"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STORES_GRPC_ENDPOINT");
  }

  @Test
  void a_missing_stores_endpoint_names_the_variable() {
    assertThatThrownBy(() -> BasketsSettings.from(Settings.of("baskets", Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STORES_GRPC_ENDPOINT");
  }

  @Test
  void a_timeout_below_one_millisecond_names_the_variable() {
    assertThatThrownBy(
            () ->
                BasketsSettings.from(
                    Settings.of(
                        "baskets",
                        Map.of(
                            "STORES_GRPC_ENDPOINT",
                            "127.0.0.1:5090",
                            "STORES_GRPC_TIMEOUT_MS",
                            "0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STORES_GRPC_TIMEOUT_MS");
  }
}

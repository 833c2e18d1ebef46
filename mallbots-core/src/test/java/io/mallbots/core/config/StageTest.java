package io.mallbots.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTest {

  /** What an app.env ships with: a public password, marked as development-only. */
  private static final Map<String, String> SHIPPED = Map.of(
      "POSTGRES_PASSWORD", "mallbots", "AUTH_SIGNING_KEY", "public-development-key-of-32-bytes-or-more", "DEVELOPMENT_ONLY",
      "POSTGRES_PASSWORD, AUTH_SIGNING_KEY", "MALLBOTS_ENV", "dev");

  private static CoreSettings start(Map<String, String> environment) {
    return CoreSettings.from(Settings.of("probe", environment, SHIPPED));
  }

  @Test
  void dev_runs_with_the_shipped_development_values() {
    assertThat(start(Map.of()).stage()).isEqualTo(Stage.DEV);
  }

  @Test
  void prod_refuses_every_development_value_still_in_use_and_names_them() {
    assertThatThrownBy(() -> start(Map.of("MALLBOTS_ENV", "prod")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MALLBOTS_ENV=prod")
        .hasMessageContaining("POSTGRES_PASSWORD, AUTH_SIGNING_KEY");
  }

  @Test
  void prod_refuses_even_one_development_value_left() {
    assertThatThrownBy(() -> start(Map.of("MALLBOTS_ENV", "prod", "POSTGRES_PASSWORD", "s3cret-from-vault")))
        .hasMessageContaining("AUTH_SIGNING_KEY still has its public development value")
        .hasMessageNotContaining("POSTGRES_PASSWORD");
  }

  @Test
  void prod_starts_once_every_development_value_is_replaced_even_through_the_service_prefix() {
    Map<String, String> environment = new HashMap<>(Map.of("MALLBOTS_ENV", "PROD", "PROBE_POSTGRES_PASSWORD", "s3cret",
        "AUTH_SIGNING_KEY", "another-key-also-32-bytes-or-more-long"));
    assertThat(start(environment).stage()).isEqualTo(Stage.PROD);
  }

  @Test
  void prod_refuses_fault_injection() {
    assertThatThrownBy(() -> start(Map.of("MALLBOTS_ENV", "prod", "POSTGRES_PASSWORD", "a", "AUTH_SIGNING_KEY", "b",
        "MESSAGE_DELIVER_TWICE", "true")))
        .hasMessageContaining("MESSAGE_DELIVER_TWICE");
  }

  @Test
  void an_unknown_stage_is_refused_naming_the_allowed_ones() {
    assertThatThrownBy(() -> start(Map.of("MALLBOTS_ENV", "production")))
        .hasMessageContaining("MALLBOTS_ENV must be one of dev, prod");
  }
}

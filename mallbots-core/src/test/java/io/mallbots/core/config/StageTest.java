package io.mallbots.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageTest {

  /** What an app.env ships with: a public password, marked as development-only. */
  private static final Map<String, String> SHIPPED =
      Map.of(
          "POSTGRES_PASSWORD",
          "mallbots",
          "PROBE_SECRET",
          "public-development-value",
          "DEVELOPMENT_ONLY",
          "POSTGRES_PASSWORD, PROBE_SECRET",
          "MALLBOTS_ENV",
          "dev");

  /** What prod needs besides real secrets: access tokens required, with keys, and TLS. */
  private static final Map<String, String> SAFE = safe();

  private static Map<String, String> safe() {
    var keys = io.mallbots.core.auth.AuthKeys.throwAway();
    return Map.of(
        "AUTH_REQUIRED",
        "true",
        "AUTH_PUBLIC_KEY",
        keys.publicKey(),
        "SERVICE_TOKEN_KEY",
        keys.serviceKey(),
        "GRPC_SERVER_TLS_ENABLED",
        "true",
        "GRPC_SERVER_CERT_FILE",
        "/run/secrets/cert.pem",
        "GRPC_SERVER_KEY_FILE",
        "/run/secrets/key.pem");
  }

  private static Map<String, String> safeAnd(String... keyValues) {
    Map<String, String> environment = new HashMap<>(SAFE);
    for (int i = 0; i < keyValues.length; i += 2) {
      environment.put(keyValues[i], keyValues[i + 1]);
    }
    return environment;
  }

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
        .hasMessageContaining("POSTGRES_PASSWORD, PROBE_SECRET");
  }

  @Test
  void prod_refuses_even_one_development_value_left() {
    assertThatThrownBy(
            () -> start(Map.of("MALLBOTS_ENV", "prod", "POSTGRES_PASSWORD", "s3cret-from-vault")))
        .hasMessageContaining("PROBE_SECRET still has its public development value")
        .hasMessageNotContaining("POSTGRES_PASSWORD");
  }

  @Test
  void prod_starts_once_every_development_value_is_replaced_even_through_the_service_prefix() {
    Map<String, String> environment =
        safeAnd(
            "MALLBOTS_ENV",
            "PROD",
            "PROBE_POSTGRES_PASSWORD",
            "s3cret",
            "PROBE_SECRET",
            "another-value");
    assertThat(start(environment).stage()).isEqualTo(Stage.PROD);
  }

  @Test
  void prod_refuses_to_run_without_access_tokens() {
    assertThatThrownBy(
            () ->
                start(
                    safeAnd(
                        "MALLBOTS_ENV",
                        "prod",
                        "POSTGRES_PASSWORD",
                        "a",
                        "PROBE_SECRET",
                        "b",
                        "AUTH_REQUIRED",
                        "false")))
        .hasMessageContaining("AUTH_REQUIRED=true");
  }

  @Test
  void prod_refuses_plain_text_unless_a_mesh_is_said_to_encrypt_it() {
    assertThatThrownBy(
            () ->
                start(
                    safeAnd(
                        "MALLBOTS_ENV",
                        "prod",
                        "POSTGRES_PASSWORD",
                        "a",
                        "PROBE_SECRET",
                        "b",
                        "GRPC_SERVER_TLS_ENABLED",
                        "false")))
        .hasMessageContaining("GRPC_SERVER_TLS_ENABLED")
        .hasMessageContaining("ALLOW_PLAINTEXT_BEHIND_MESH");
    assertThat(
            start(
                    safeAnd(
                        "MALLBOTS_ENV",
                        "prod",
                        "POSTGRES_PASSWORD",
                        "a",
                        "PROBE_SECRET",
                        "b",
                        "GRPC_SERVER_TLS_ENABLED",
                        "false",
                        "ALLOW_PLAINTEXT_BEHIND_MESH",
                        "true"))
                .stage())
        .isEqualTo(Stage.PROD);
  }

  @Test
  void required_tokens_need_the_public_key_and_the_service_key_named() {
    assertThatThrownBy(() -> start(Map.of("AUTH_REQUIRED", "true")))
        .hasMessageContaining("AUTH_PUBLIC_KEY")
        .hasMessageContaining("SERVICE_TOKEN_KEY");
  }

  @Test
  void an_unknown_stage_is_refused_naming_the_allowed_ones() {
    assertThatThrownBy(() -> start(Map.of("MALLBOTS_ENV", "production")))
        .hasMessageContaining("MALLBOTS_ENV must be one of dev, prod");
  }
}

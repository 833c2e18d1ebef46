package io.mallbots.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.messaging.BrokerCluster;
import io.mallbots.core.messaging.EventServerType;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void event_server_type_nats_selects_nats() {
    assertThat(
            CoreSettings.from(Settings.of("probe", Map.of("EVENT_SERVER_TYPE", "nats")))
                .eventServer())
        .isEqualTo(EventServerType.NATS);
  }

  @Test
  void event_server_type_kafka_selects_kafka_whatever_the_case() {
    assertThat(
            CoreSettings.from(Settings.of("probe", Map.of("EVENT_SERVER_TYPE", "Kafka")))
                .eventServer())
        .isEqualTo(EventServerType.KAFKA);
  }

  @Test
  void an_unknown_event_server_type_fails_naming_the_allowed_values() {
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("probe", Map.of("EVENT_SERVER_TYPE", "rabbitmq"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EVENT_SERVER_TYPE")
        .hasMessageContaining("kafka, nats, memory")
        .hasMessageContaining("rabbitmq");
  }

  @Test
  void inbox_retention_takes_days_and_a_bad_unit_names_the_variable() {
    assertThat(
            CoreSettings.from(Settings.of("probe", Map.of("INBOX_RETENTION", "14d")))
                .retention()
                .inbox())
        .isEqualTo(java.time.Duration.ofDays(14));
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("probe", Map.of("INBOX_RETENTION", "2 weeks"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INBOX_RETENTION")
        .hasMessageContaining("ms, s, m, h or d");
  }

  @Test
  void no_broker_is_drained_unless_event_server_drain_from_names_the_one_used_before() {
    assertThat(CoreSettings.from(Settings.of("probe", Map.of())).drainFrom()).isEmpty();
    assertThat(
            CoreSettings.from(
                    Settings.of(
                        "probe",
                        Map.of("EVENT_SERVER_TYPE", "nats", "EVENT_SERVER_DRAIN_FROM", "kafka")))
                .drainFrom())
        .contains(EventServerType.KAFKA);
  }

  @Test
  void draining_the_broker_in_use_or_the_in_jvm_one_fails_naming_the_variable() {
    assertThatThrownBy(
            () ->
                CoreSettings.from(
                    Settings.of(
                        "probe",
                        Map.of("EVENT_SERVER_TYPE", "kafka", "EVENT_SERVER_DRAIN_FROM", "kafka"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EVENT_SERVER_DRAIN_FROM");
    assertThatThrownBy(
            () ->
                CoreSettings.from(
                    Settings.of(
                        "probe",
                        Map.of("EVENT_SERVER_TYPE", "nats", "EVENT_SERVER_DRAIN_FROM", "memory"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EVENT_SERVER_DRAIN_FROM");
  }

  @Test
  void a_variable_prefixed_with_the_service_name_wins_over_the_plain_one() {
    var settings =
        Settings.of(
            "baskets", Map.of("GRPC_SERVER_PORT", "5000", "BASKETS_GRPC_SERVER_PORT", "5040"));
    assertThat(CoreSettings.from(settings).grpcPort()).isEqualTo(5040);
    assertThat(
            CoreSettings.from(Settings.of("ordering", Map.of("GRPC_SERVER_PORT", "5000")))
                .grpcPort())
        .isEqualTo(5000);
  }

  @Test
  void a_malformed_number_fails_naming_the_variable() {
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("probe", Map.of("HTTP_SERVER_PORT", "eighty"))))
        .hasMessageContaining("HTTP_SERVER_PORT")
        .hasMessageContaining("eighty");
  }

  @Test
  void a_client_learns_whether_tokens_are_required_without_holding_the_signing_key() {
    assertThat(AuthSettings.requiredBy(Settings.of("bench", Map.of()))).isFalse();
    assertThat(AuthSettings.requiredBy(Settings.of("bench", Map.of("AUTH_REQUIRED", "yes"))))
        .isTrue();
    assertThat(
            AuthSettings.requiredBy(
                Settings.of(
                    "bench", Map.of("AUTH_REQUIRED", "true", "BENCH_AUTH_REQUIRED", "false"))))
        .isFalse();
    assertThatThrownBy(
            () ->
                AuthSettings.requiredBy(Settings.of("bench", Map.of("AUTH_REQUIRED", "sometimes"))))
        .hasMessageContaining("AUTH_REQUIRED");
  }

  @Test
  void
      the_outbox_takes_messages_up_to_a_megabyte_and_parks_a_row_after_five_attempts_unless_told_otherwise() {
    var defaults = CoreSettings.from(Settings.of("probe", Map.of())).outbox();
    assertThat(defaults.messageMaxBytes()).isEqualTo(1_000_000);
    assertThat(defaults.maxAttempts()).isEqualTo(5);
    var set =
        CoreSettings.from(
                Settings.of(
                    "probe", Map.of("MESSAGE_MAX_BYTES", "500000", "OUTBOX_MAX_ATTEMPTS", "3")))
            .outbox();
    assertThat(set.messageMaxBytes()).isEqualTo(500_000);
    assertThat(set.maxAttempts()).isEqualTo(3);
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("probe", Map.of("OUTBOX_MAX_ATTEMPTS", "0"))))
        .hasMessageContaining("OUTBOX_MAX_ATTEMPTS");
  }

  @Test
  void subscriptions_take_batches_of_32_unless_told_otherwise_and_never_of_none() {
    assertThat(CoreSettings.from(Settings.of("probe", Map.of())).subscriptions().batchSize())
        .isEqualTo(32);
    assertThat(
            CoreSettings.from(Settings.of("probe", Map.of("MESSAGE_BATCH_SIZE", "1")))
                .subscriptions()
                .batchSize())
        .isEqualTo(1);
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("probe", Map.of("MESSAGE_BATCH_SIZE", "0"))))
        .hasMessageContaining("batchSize");
  }

  @Test
  void the_schema_defaults_to_the_service_name() {
    assertThat(CoreSettings.from(Settings.of("stores", Map.of())).postgres().schema())
        .isEqualTo("stores");
  }

  @Test
  void app_env_gives_defaults_and_explicit_values_override_them() {
    Vertx vertx = Vertx.vertx();
    try {
      Settings settings = Settings.load(vertx, "probe", Map.of("POSTGRES_POOL_SIZE", "7")).await();
      assertThat(settings.string("PROBE_GREETING", null)).isEqualTo("hello from app.env");
      assertThat(settings.integer("POSTGRES_POOL_SIZE", 0)).isEqualTo(7);
      assertThat(CoreSettings.from(settings).eventServer()).isEqualTo(EventServerType.MEMORY);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void a_saga_step_waits_30_seconds_and_is_sent_twice_more_unless_told_otherwise() {
    assertThat(CoreSettings.from(Settings.of("ordering", Map.of())).saga())
        .isEqualTo(new SagaSettings(java.time.Duration.ofSeconds(30), 2));
    assertThat(
            CoreSettings.from(
                    Settings.of(
                        "ordering", Map.of("SAGA_STEP_TIMEOUT", "300ms", "SAGA_STEP_RETRIES", "0")))
                .saga())
        .isEqualTo(new SagaSettings(java.time.Duration.ofMillis(300), 0));
    assertThat(
            CoreSettings.from(Settings.of("ordering", Map.of("SAGA_STEP_TIMEOUT", "2m")))
                .saga()
                .stepTimeout())
        .isEqualTo(java.time.Duration.ofMinutes(2));
  }

  @Test
  void a_saga_step_timeout_without_a_unit_fails_naming_the_variable() {
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("ordering", Map.of("SAGA_STEP_TIMEOUT", "30"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SAGA_STEP_TIMEOUT");
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("ordering", Map.of("SAGA_STEP_TIMEOUT", "0s"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SAGA_STEP_TIMEOUT");
  }

  @Test
  void broker_settings_fit_one_node_unless_told_otherwise_and_take_a_three_node_cluster() {
    assertThat(CoreSettings.from(Settings.of("probe", Map.of())).brokerCluster())
        .isEqualTo(new BrokerCluster(4, (short) 1, 1, 1, 8))
        .isEqualTo(BrokerCluster.SINGLE_NODE);
    assertThat(
            CoreSettings.from(
                    Settings.of(
                        "probe",
                        Map.of(
                            "KAFKA_PARTITIONS",
                            "12",
                            "KAFKA_REPLICATION_FACTOR",
                            "3",
                            "KAFKA_MIN_INSYNC_REPLICAS",
                            "2",
                            "NATS_REPLICAS",
                            "3")))
                .brokerCluster())
        .isEqualTo(new BrokerCluster(12, (short) 3, 2, 3, 8));
  }

  @Test
  void broker_settings_that_no_cluster_can_meet_fail_naming_the_variable() {
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("probe", Map.of("KAFKA_MIN_INSYNC_REPLICAS", "2"))))
        .hasMessageContaining("KAFKA_MIN_INSYNC_REPLICAS");
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("probe", Map.of("KAFKA_PARTITIONS", "0"))))
        .hasMessageContaining("KAFKA_PARTITIONS");
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("probe", Map.of("KAFKA_REPLICATION_FACTOR", "0"))))
        .hasMessageContaining("KAFKA_REPLICATION_FACTOR");
    assertThatThrownBy(() -> CoreSettings.from(Settings.of("probe", Map.of("NATS_REPLICAS", "7"))))
        .hasMessageContaining("NATS_REPLICAS");
  }

  @Test
  void the_outbox_lease_is_retried_every_two_seconds_unless_told_otherwise() {
    assertThat(CoreSettings.from(Settings.of("probe", Map.of())).outbox().leaseRetry())
        .isEqualTo(java.time.Duration.ofSeconds(2));
    assertThat(
            CoreSettings.from(Settings.of("probe", Map.of("OUTBOX_LEASE_RETRY_MS", "500")))
                .outbox()
                .leaseRetry())
        .isEqualTo(java.time.Duration.ofMillis(500));
    assertThatThrownBy(
            () -> CoreSettings.from(Settings.of("probe", Map.of("OUTBOX_LEASE_RETRY_MS", "0"))))
        .hasMessageContaining("OUTBOX_LEASE_RETRY_MS");
  }
}

package io.mallbots.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.messaging.nats.NatsSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardPortsTest {

  @Test
  void settings_default_to_the_shared_servers_on_their_standard_ports() {
    CoreSettings settings = CoreSettings.from(Settings.of("probe", Map.of()));
    assertThat(settings.kafkaBrokers()).isEqualTo("127.0.0.1:" + StandardPorts.KAFKA);
    assertThat(settings.natsUrl()).isEqualTo(StandardPorts.natsUrl());
    assertThat(settings.postgres().port()).isEqualTo(StandardPorts.POSTGRES);
  }

  @Test
  void the_nats_adapters_default_url_is_the_one_of_the_table() {
    assertThat(NatsSettings.DEFAULT_URL).isEqualTo(StandardPorts.natsUrl());
  }

  @Test
  void a_service_without_a_standard_port_is_named_in_the_failure() {
    assertThat(StandardPorts.grpc("ordering")).isEqualTo(5050);
    assertThatThrownBy(() -> StandardPorts.grpc("warehouse")).hasMessageContaining("'warehouse'");
  }
}

package io.mallbots.ordering.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ordering's own settings: defaults, overrides, and refusals that name the variable. */
class OrderingSettingsTest {

  @Test
  void defaults_snapshot_every_three_events_and_try_a_command_three_times() {
    assertThat(OrderingSettings.from(Settings.of("ordering", Map.of())))
        .isEqualTo(new OrderingSettings(3, 3));
  }

  @Test
  void the_service_prefixed_variable_wins() {
    var settings =
        Settings.of(
            "ordering", Map.of("ORDER_SNAPSHOT_EVERY", "5", "ORDERING_ORDER_SNAPSHOT_EVERY", "7"));

    assertThat(OrderingSettings.from(settings).snapshotEvery()).isEqualTo(7);
  }

  @Test
  void a_value_below_one_or_not_a_number_is_refused_naming_the_variable() {
    assertThatThrownBy(
            () ->
                OrderingSettings.from(Settings.of("ordering", Map.of("ORDER_SNAPSHOT_EVERY", "0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ORDER_SNAPSHOT_EVERY");
    assertThatThrownBy(
            () ->
                OrderingSettings.from(
                    Settings.of("ordering", Map.of("ORDER_COMMAND_ATTEMPTS", "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ORDER_COMMAND_ATTEMPTS");
  }
}

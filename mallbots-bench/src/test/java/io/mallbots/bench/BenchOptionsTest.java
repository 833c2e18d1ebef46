package io.mallbots.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void flagsWinOverTheEnvironment() {
    BenchOptions options = BenchOptions.parse(new String[] {"--broker", "nats", "--rate=150", "--duration", "2m"},
        Map.of("BENCH_BROKER", "kafka", "BENCH_CONCURRENCY", "64", "BENCH_WARMUP", "500ms"));

    assertThat(options.broker()).isEqualTo("nats");
    assertThat(options.concurrency()).isEqualTo(64);
    assertThat(options.rate()).isEqualTo(150.0);
    assertThat(options.openLoop()).isTrue();
    assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void theDefaultsAreAClosedLoopInProcessOnKafka() {
    BenchOptions options = BenchOptions.parse(new String[0], Map.of());

    assertThat(options.broker()).isEqualTo("kafka");
    assertThat(options.openLoop()).isFalse();
    assertThat(options.inProcess()).isTrue();
    assertThat(options.doneBy()).isEqualTo("search");
  }

  @Test
  void shoppersLogInWhereTheEnvironmentRequiresTokensUnlessTheFlagSaysOtherwise() {
    assertThat(BenchOptions.parse(new String[0], Map.of()).authRequired()).isFalse();
    assertThat(BenchOptions.parse(new String[0], Map.of("AUTH_REQUIRED", "true")).authRequired()).isTrue();
    assertThat(BenchOptions.parse(new String[] {"--auth-required"}, Map.of()).authRequired()).isTrue();
    assertThat(BenchOptions.parse(new String[] {"--auth-required=false"}, Map.of("AUTH_REQUIRED", "true"))
        .authRequired()).isFalse();
    assertThat(BenchOptions.parse(new String[0], Map.of("BENCH_AUTH_REQUIRED", "yes")).authRequired()).isTrue();
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--auth-required=maybe"}, Map.of()))
        .hasMessageContaining("--auth-required");
  }

  @Test
  void aBadValueNamesItsFlag() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--broker", "rabbit"}, Map.of()))
        .hasMessageContaining("--broker");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--duration", "soon"}, Map.of()))
        .hasMessageContaining("--duration");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--broker", "memory", "--target", "running"}, Map.of()))
        .hasMessageContaining("memory");
  }
}

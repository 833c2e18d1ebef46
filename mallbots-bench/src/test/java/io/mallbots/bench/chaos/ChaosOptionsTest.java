package io.mallbots.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.bench.BenchOptionsTestSupport;
import io.mallbots.bench.stack.ServiceProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChaosOptionsTest {

  @Test
  void theDefaultsAreAMinuteOnKafkaWithAKillEveryEightSeconds() {
    ChaosOptions options = ChaosOptions.parse(new String[0]);

    assertThat(options.broker()).isEqualTo("kafka");
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.killEvery()).isEqualTo(Duration.ofSeconds(8));
    assertThat(options.cutFor()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.cutService()).isEqualTo("ordering");
    assertThat(options.rate()).isEqualTo(4.0);
    assertThat(options.concurrency()).isEqualTo(16);
    assertThat(options.quietTimeout()).isEqualTo(Duration.ofSeconds(180));
    assertThat(options.output()).isEqualTo(Path.of("target/chaos"));
    assertThat(options.keep()).isFalse();
    assertThat(options.instances()).isEqualTo(1);
    assertThat(options.brokerNodes()).isEqualTo(1);
    assertThat(options.instancesOf("ordering")).isEqualTo(1);
    assertThat(options.swapBroker()).isFalse();
  }

  @Test
  void swapBrokerIsAFlagOrAVariable() {
    assertThat(ChaosOptions.parse(new String[] {"--swap-broker"}).swapBroker()).isTrue();
    assertThat(ChaosOptions.parse(new String[] {"--swap-broker=false"}).swapBroker()).isFalse();
    assertThat(ChaosOptions.parse(new String[0], Map.of("CHAOS_SWAP_BROKER", "true")).swapBroker())
        .isTrue();
    assertThat(
            ChaosOptions.parse(new String[] {"--swap-broker", "--broker", "nats"})
                .withOutput(Path.of("x"))
                .swapBroker())
        .isTrue();
  }

  @Test
  void instancesGoToTheNamedServicesOrToAll() {
    ChaosOptions some =
        ChaosOptions.parse(
            new String[] {
              "--instances", "2", "--instanced", "ordering, baskets", "--broker-nodes", "3"
            });
    assertThat(some.instancesOf("ordering")).isEqualTo(2);
    assertThat(some.instancesOf("baskets")).isEqualTo(2);
    assertThat(some.instancesOf("stores")).isEqualTo(1);
    assertThat(some.brokerNodes()).isEqualTo(3);
    ChaosOptions all = ChaosOptions.parse(new String[] {"--instances", "2"});
    assertThat(ServiceProcesses.MAINS.keySet())
        .allSatisfy(service -> assertThat(all.instancesOf(service)).isEqualTo(2));
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--broker-nodes", "2"}))
        .hasMessageContaining("--broker-nodes");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--instances", "0"}))
        .hasMessageContaining("--instances");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--instanced", "shipping"}))
        .hasMessageContaining("--instanced");
  }

  @Test
  void anUnknownOrMisspeltOptionIsAnErrorThatNamesIt() {
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--kill-evry", "5s"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--kill-evry")
        .hasMessageContaining("did you mean --kill-every");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--out", "x"}))
        .hasMessageContaining("--out");
  }

  @Test
  void anOptionTakesItsValueAfterAnEqualsSignOrAsTheNextArgument() {
    ChaosOptions joined =
        ChaosOptions.parse(
            new String[] {
              "--broker=nats",
              "--seed=42",
              "--kill-every=5s",
              "--cut-service=payments",
              "--rate=2.5",
              "--keep"
            });
    ChaosOptions apart =
        ChaosOptions.parse(
            new String[] {
              "--broker",
              "nats",
              "--seed",
              "42",
              "--kill-every",
              "5s",
              "--cut-service",
              "payments",
              "--rate",
              "2.5",
              "--keep=true"
            });

    assertThat(joined).isEqualTo(apart);
    assertThat(joined.seed()).isEqualTo(42);
    assertThat(joined.keep()).isTrue();
    assertThat(joined.rate()).isEqualTo(2.5);
  }

  @Test
  void aBadValueNamesItsFlag() {
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--broker", "memory"}))
        .hasMessageContaining("--broker");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--cut-service", "shipping"}))
        .hasMessageContaining("--cut-service");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--kill-every", "often"}))
        .hasMessageContaining("--kill-every")
        .hasMessageContaining("often");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--concurrency", "many"}))
        .hasMessageContaining("--concurrency");
    assertThatThrownBy(() -> ChaosOptions.parse(new String[] {"--seed"}))
        .hasMessageContaining("--seed");
  }

  @Test
  void optionsFallBackToTheirEnvironmentVariablesAndTheFlagWins() {
    ChaosOptions options =
        ChaosOptions.parse(
            new String[] {"--rate", "6"},
            Map.of(
                "CHAOS_SEED",
                "7",
                "CHAOS_RATE",
                "1",
                "CHAOS_KILL_EVERY",
                "3s",
                "CHAOS_ARGS",
                "--whatever"));

    assertThat(options.seed()).isEqualTo(7);
    assertThat(options.killEvery()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options.rate()).isEqualTo(6.0);
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("--broker", "kafka");
    defaults.put("--duration", "60s");
    defaults.put("--kill-every", "8s");
    defaults.put("--cut-for", "5s");
    defaults.put("--cut-service", "ordering");
    defaults.put("--rate", "4");
    defaults.put("--concurrency", "16");
    defaults.put("--approval-timeout", "30s");
    defaults.put("--quiet-timeout", "180s");
    defaults.put("--output", "target/chaos");
    defaults.put("--seed", "random");
    defaults.put("--keep", "false");
    defaults.put("--instances", "1");
    defaults.put("--instanced", "all");
    defaults.put("--broker-nodes", "1");
    defaults.put("--swap-broker", "false");

    String usage = ChaosOptions.usage(Map.of());

    assertThat(ChaosOptions.commandLine(Map.of()).getCommandSpec().options())
        .extracting(option -> option.longestName())
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(defaults.keySet().stream(), Stream.of("--help")).toList());
    defaults.forEach(
        (option, fallback) ->
            assertThat(BenchOptionsTestSupport.helpOf(usage, option))
                .as(option)
                .contains("Default: " + fallback));
  }
}

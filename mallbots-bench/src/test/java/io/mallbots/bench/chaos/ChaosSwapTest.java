package io.mallbots.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.bench.stack.ServiceProcesses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --swap-broker} without processes: what the services are told before and after the swap,
 * where broker faults go, and what the report says of it. The swap itself (every service restarted
 * on the other broker, draining the first) is {@code make chaos CHAOS_ARGS="--swap-broker"}.
 */
class ChaosSwapTest {

  @TempDir Path logs;

  private static final class FakeBroker implements ChaosBroker {
    private final Map<String, String> settings;
    final AtomicInteger restarts = new AtomicInteger();

    FakeBroker(Map<String, String> settings) {
      this.settings = settings;
    }

    @Override
    public Map<String, String> settings() {
      return settings;
    }

    @Override
    public void restart() {
      restarts.incrementAndGet();
    }

    @Override
    public void close() {}
  }

  private final FakeBroker kafka =
      new FakeBroker(
          Map.of(
              "EVENT_SERVER_TYPE", "kafka",
              "KAFKA_BROKERS", "127.0.0.1:1",
              "KAFKA_REPLICATION_FACTOR", "1"));
  private final FakeBroker nats =
      new FakeBroker(Map.of("EVENT_SERVER_TYPE", "nats", "NATS_URL", "nats://127.0.0.1:2"));

  @Test
  void theServicesKnowBothBrokersAndAfterTheSwapDrainTheOldOne() {
    Brokers brokers = Brokers.of("kafka", Map.of("kafka", kafka, "nats", nats));

    assertThat(brokers.swappable()).isTrue();
    assertThat(brokers.settings())
        .containsEntry("EVENT_SERVER_TYPE", "kafka")
        .containsEntry("KAFKA_BROKERS", "127.0.0.1:1")
        .containsEntry("NATS_URL", "nats://127.0.0.1:2")
        .doesNotContainKey(Brokers.DRAIN_FROM);

    brokers.swap();

    assertThat(brokers.currentType()).isEqualTo("nats");
    assertThat(brokers.drainFrom()).isEqualTo("kafka");
    assertThat(brokers.settings())
        .containsEntry("EVENT_SERVER_TYPE", "nats")
        .containsEntry("EVENT_SERVER_DRAIN_FROM", "kafka")
        .containsEntry("KAFKA_BROKERS", "127.0.0.1:1")
        .containsEntry("NATS_URL", "nats://127.0.0.1:2");
    assertThat(brokers.clientSettings())
        .containsEntry("EVENT_SERVER_TYPE", "nats")
        .doesNotContainKey(Brokers.DRAIN_FROM);
  }

  @Test
  void aBrokerFaultHitsTheBrokerTheServicesUseNow() throws Exception {
    Brokers brokers = Brokers.of("kafka", Map.of("kafka", kafka, "nats", nats));
    brokers.restart();
    brokers.swap();
    brokers.restart();
    brokers.restart();

    assertThat(kafka.restarts).hasValue(1);
    assertThat(nats.restarts).hasValue(2);
  }

  @Test
  void oneBrokerAloneHasNothingToSwapTo() {
    Brokers alone = Brokers.of("nats", Map.of("nats", nats));

    assertThat(alone.swappable()).isFalse();
    assertThat(alone.settings()).containsEntry("EVENT_SERVER_TYPE", "nats");
    assertThatThrownBy(alone::swap).hasMessageContaining("nothing to swap to");
  }

  @Test
  void theSwapIsPlannedOnceInTheMiddleAndNamedByItsDirection() throws Exception {
    Brokers brokers = Brokers.of("kafka", Map.of("kafka", kafka, "nats", nats));
    ServiceProcesses services = new ServiceProcesses(logs, Map.of(), Map.of());
    BrokerSwap swap = new BrokerSwap(brokers, services, settings -> {});

    assertThat(swap.direction()).isEqualTo("kafka -> nats");
    assertThat(swap.report(0)).as("not swapped yet").isNull();
    try (Faults faults =
        new Faults(
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(1),
            services,
            brokers,
            cut(),
            swap,
            1)) {
      assertThat(faults.brokerSwaps()).isZero();
    }
  }

  @Test
  void theReportSaysFromWhereToWhereWhenAndHowLongTheRestartTook() {
    ChaosOptions options = ChaosOptions.parse(new String[] {"--swap-broker"});
    JsonObject swap =
        new JsonObject()
            .put("from", "kafka")
            .put("to", "nats")
            .put("drainFrom", "EVENT_SERVER_DRAIN_FROM=kafka")
            .put("atSeconds", 30.2)
            .put("restartSeconds", 41.5)
            .put("completed", true)
            .put("leftOnOldBroker", 0L)
            .put("restarts", new JsonArray().add(new JsonObject().put("instance", "users")));
    JsonObject report =
        ChaosReport.build(
            new ChaosReport.Run(
                options,
                "test",
                "system",
                List.of(),
                0,
                faults(),
                7,
                1.0,
                null,
                new Books.Audit(new JsonObject().put("lost", 0L), true),
                7,
                1,
                0,
                0,
                swap));

    assertThat(report.getJsonObject("swap")).isEqualTo(swap);
    assertThat(report.getBoolean("balanced")).isTrue();
    assertThat(report.getJsonObject("faults").getInteger("brokerSwaps")).isZero();
    assertThat(ChaosReport.summary(report))
        .contains("broker swap kafka -> nats at 30.2 s: every instance restarted in 41.5 s");
    JsonObject without =
        ChaosReport.build(
            new ChaosReport.Run(
                options,
                "test",
                "system",
                List.of(),
                0,
                faults(),
                7,
                1.0,
                null,
                new Books.Audit(new JsonObject(), true),
                7,
                1,
                0,
                0,
                null));
    assertThat(without.getValue("swap")).isNull();
    assertThat(without.getBoolean("balanced")).isTrue();
    JsonObject stranded =
        ChaosReport.build(
            new ChaosReport.Run(
                options,
                "test",
                "system",
                List.of(),
                0,
                faults(),
                7,
                1.0,
                null,
                new Books.Audit(new JsonObject(), true),
                7,
                1,
                0,
                0,
                swap.copy().put("leftOnOldBroker", 3L)));
    assertThat(stranded.getBoolean("balanced"))
        .as("messages left unread on the old broker")
        .isFalse();
    assertThat(ChaosReport.summary(without)).doesNotContain("broker swap");
  }

  private Faults faults() {
    try {
      return new Faults(
          Duration.ofSeconds(10),
          Duration.ofSeconds(20),
          Duration.ofSeconds(1),
          new ServiceProcesses(logs, Map.of(), Map.of()),
          kafka,
          cut(),
          null,
          1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Faults.DatabaseCut cut() {
    return new Faults.DatabaseCut() {
      @Override
      public String service() {
        return "ordering";
      }

      @Override
      public void cut(Duration howLong) {}
    };
  }
}

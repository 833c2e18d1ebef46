package io.mallbots.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make chaos BROKER=nats INSTANCES=2 BROKER_NODES=3} in miniature: a private three-server
 * NATS JetStream cluster (three small processes, where three Kafka JVMs would be too heavy for
 * {@code make test}), two instances each of ordering, payments and baskets, single instances killed
 * and one broker node killed with SIGKILL while the shoppers keep ordering and prices keep
 * changing. The books must balance, nothing out of order included.
 */
class ChaosClusterSmokeTest {

  @TempDir Path output;

  @Test
  @Timeout(420)
  void aBrokerNodeKilledLosesNothingAndKeepsEveryAggregateInOrder() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("POSTGRES_HOST", "127.0.0.1");
    ChaosOptions options =
        ChaosOptions.parse(
                new String[] {
                  "--broker",
                  "nats",
                  "--broker-nodes",
                  "3",
                  "--duration",
                  "30s",
                  "--kill-every",
                  "10s",
                  "--cut-for",
                  "3s",
                  "--rate",
                  "3",
                  "--concurrency",
                  "8",
                  "--approval-timeout",
                  "20s",
                  "--quiet-timeout",
                  "90s",
                  "--seed",
                  "11",
                  "--instances",
                  "2",
                  "--instanced",
                  "ordering,payments,baskets"
                })
            .withOutput(output);
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    JsonObject report =
        new Chaos(options, env, new PrintStream(console, true, StandardCharsets.UTF_8))
            .run("ChaosClusterSmokeTest");

    JsonObject books = report.getJsonObject("books");
    assertThat(report.getInteger("brokerNodes")).isEqualTo(3);
    assertThat(report.getJsonObject("faults").getInteger("brokerNodeKills"))
        .as("one NATS server killed while the mall runs")
        .isGreaterThanOrEqualTo(1);
    assertThat(report.getJsonObject("orders").getLong("accepted")).isPositive();
    assertThat(report.getLong("lost")).as("lost orders").isZero();
    assertThat(report.getLong("duplicatedEffects")).as("duplicated effects").isZero();
    assertThat(report.getLong("outOfOrder")).as("read models behind their publisher").isZero();
    assertThat(books.getLong("outboxUnpublished")).as("rows parked or left").isZero();
    assertThat(books.getLong("sagasUnfinished")).isZero();
    assertThat(books.getLong("deadLettersUnexpected")).isZero();
    assertThat(report.getBoolean("balanced")).as(books.encodePrettily()).isTrue();
  }
}

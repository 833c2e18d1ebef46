package io.mallbots.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.config.AuthSettings;
import io.mallbots.core.config.Settings;
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
 * {@code make chaos} in miniature, on Kafka: the seven services with two instances (JVMs) each of
 * ordering, payments and baskets, shoppers spread over the instances for half a minute, single
 * instances killed with SIGKILL and started again while the other serves, once both instances of
 * one service, the (single-node) broker restarted, ordering's database line cut, one poison message
 * injected, a price-change storm on a few products; then the books must balance, nothing out of
 * order included. The 3-node broker cluster with its node kill is {@code make chaos
 * BROKER_NODES=3}: three more JVMs are too heavy for {@code make test} on two cores. The run itself
 * waits for quiet by reading the books until they balance (or its quiet timeout ends, and the books
 * say what does not add up). In dev mode as {@code make test} runs it; with {@code
 * AUTH_REQUIRED=true} in the environment the services require access tokens and the shoppers log
 * in.
 */
class ChaosSmokeTest {

  @TempDir Path output;

  @Test
  @Timeout(420)
  void noAcceptedOrderIsLostAndNoEffectHappensTwice() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("POSTGRES_HOST", "127.0.0.1");
    ChaosOptions options =
        ChaosOptions.parse(
                new String[] {
                  "--broker",
                  "kafka",
                  "--duration",
                  "30s",
                  "--kill-every",
                  "15s",
                  "--cut-for",
                  "3s",
                  "--rate",
                  "3",
                  "--concurrency",
                  "8",
                  "--approval-timeout",
                  "20s",
                  "--quiet-timeout",
                  "60s",
                  "--seed",
                  "7",
                  "--instances",
                  "2",
                  "--instanced",
                  "ordering,payments,baskets"
                })
            .withOutput(output);
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    JsonObject report =
        new Chaos(options, env, new PrintStream(console, true, StandardCharsets.UTF_8))
            .run("ChaosSmokeTest");

    JsonObject books = report.getJsonObject("books");
    assertThat(report.getJsonObject("faults").getInteger("kills"))
        .as("one instance, both of one service, one more")
        .isGreaterThanOrEqualTo(4);
    assertThat(report.getJsonObject("faults").getInteger("brokerRestarts"))
        .as("alone, and with a service down")
        .isEqualTo(2);
    assertThat(report.getJsonObject("faults").getInteger("databaseCuts")).isEqualTo(1);
    assertThat(report.getJsonObject("orders").getLong("accepted"))
        .as("accepted checkouts")
        .isPositive();
    assertThat(report.getLong("lost")).as("lost orders").isZero();
    assertThat(report.getLong("duplicatedEffects")).as("duplicated effects").isZero();
    assertThat(report.getLong("outOfOrder"))
        .as("read models and caches behind their publisher")
        .isZero();
    assertThat(report.getInteger("instances")).isEqualTo(2);
    assertThat(report.getInteger("serviceJvms")).isEqualTo(10);
    assertThat(report.getInteger("brokerNodes")).isEqualTo(1);
    assertThat(report.getJsonObject("faults").getInteger("priceChanges"))
        .as("the price storm")
        .isPositive();
    assertThat(
            report.getJsonObject("faults").getJsonArray("timeline").stream()
                .map(fault -> ((JsonObject) fault).getString("fault")))
        .as("both instances of one service killed once")
        .contains("kill -9 every instance");
    assertThat(books.getLong("stuckPending")).isZero();
    assertThat(
            books.getLong("searchMissing")
                + books.getLong("searchExtra")
                + books.getLong("searchStatusMismatch"))
        .as("search differs from ordering")
        .isZero();
    assertThat(books.getLong("outboxUnpublished")).isZero();
    assertThat(books.getLong("sagasUnfinished")).isZero();
    assertThat(books.getLong("deadLettersUnexpected")).isZero();
    assertThat(books.getLong("injectedNotDeadLettered"))
        .as("every injected poison message was dead-lettered")
        .isZero();
    assertThat(report.getBoolean("balanced")).as(books.encodePrettily()).isTrue();
    assertThat(report.getString("system").contains("access tokens required"))
        .as("tokens required, as AUTH_REQUIRED says")
        .isEqualTo(AuthSettings.requiredBy(Settings.of("chaos", env)));
    assertThat(output.resolve("report-kafka.json")).exists();
  }
}

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
 * {@code make chaos} in miniature, on Kafka: seven service JVMs, shoppers ordering for half a minute, services
 * killed with SIGKILL and started again, the broker restarted, ordering's database line cut, one poison message
 * injected; then the books must balance. The run itself waits for quiet by reading the books until they balance (or its quiet timeout
 * ends, and the books say what does not add up). In dev mode as {@code make test} runs it; with {@code AUTH_REQUIRED=true}
 * in the environment the services require access tokens and the shoppers log in.
 */
class ChaosSmokeTest {

  @TempDir
  Path output;

  @Test
  @Timeout(240)
  void noAcceptedOrderIsLostAndNoEffectHappensTwice() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("POSTGRES_HOST", "127.0.0.1");
    ChaosOptions options = ChaosOptions.parse(new String[] {"--broker", "kafka", "--duration", "30s",
        "--kill-every", "10s", "--cut-for", "3s", "--rate", "3", "--concurrency", "8", "--approval-timeout", "20s",
        "--quiet-timeout", "60s", "--seed", "7"}).withOutput(output);
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    JsonObject report = new Chaos(options, env, new PrintStream(console, true, StandardCharsets.UTF_8))
        .run("ChaosSmokeTest");

    JsonObject books = report.getJsonObject("books");
    assertThat(report.getJsonObject("faults").getInteger("kills")).as("kills").isGreaterThanOrEqualTo(2);
    assertThat(report.getJsonObject("faults").getInteger("brokerRestarts")).as("alone, and with a service down")
        .isEqualTo(2);
    assertThat(report.getJsonObject("faults").getInteger("databaseCuts")).isEqualTo(1);
    assertThat(report.getJsonObject("orders").getLong("accepted")).as("accepted checkouts").isPositive();
    assertThat(report.getLong("lost")).as("lost orders").isZero();
    assertThat(report.getLong("duplicatedEffects")).as("duplicated effects").isZero();
    assertThat(books.getLong("stuckPending")).isZero();
    assertThat(books.getLong("searchMissing") + books.getLong("searchExtra") + books.getLong("searchStatusMismatch"))
        .as("search differs from ordering").isZero();
    assertThat(books.getLong("outboxUnpublished")).isZero();
    assertThat(books.getLong("sagasUnfinished")).isZero();
    assertThat(books.getLong("deadLettersUnexpected")).isZero();
    assertThat(books.getLong("injectedNotDeadLettered")).as("every injected poison message was dead-lettered").isZero();
    assertThat(report.getBoolean("balanced")).as(books.encodePrettily()).isTrue();
    assertThat(report.getString("system").contains("access tokens required")).as("tokens required, as AUTH_REQUIRED says")
        .isEqualTo(AuthSettings.requiredBy(Settings.of("chaos", env)));
    assertThat(output.resolve("report-kafka.json")).exists();
  }
}

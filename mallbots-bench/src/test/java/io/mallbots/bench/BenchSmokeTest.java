package io.mallbots.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mallbots.bench.report.BenchReport;
import io.mallbots.bench.stack.LauncherMall;
import io.mallbots.core.testing.TestDatabases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make bench} in miniature: a few orders against every service in this JVM (in-JVM broker,
 * the test PostgreSQL, free ports), with a sweep of two short steps, then the report. Checks the
 * report's shape (CPU per order per process group, the sweep's points) and that every order was
 * approved; never the timings. Once in dev mode, once with access tokens required, as compose and
 * Kubernetes run the mall.
 */
class BenchSmokeTest {

  @TempDir Path output;

  @Test
  void aFewShoppersGetTheirOrdersApprovedAndTheReportSaysSo() throws Exception {
    assumeTrue(
        LauncherMall.services().containsAll(List.of("baskets", "ordering", "search")),
        "the launcher does not run baskets, ordering and search yet");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("POSTGRES_HOST", TestDatabases.env("POSTGRES_HOST", "127.0.0.1"));
    BenchOptions options =
        BenchOptions.parse(
                new String[] {
                  "--broker",
                  "memory",
                  "--free-ports",
                  "--concurrency",
                  "2",
                  "--warmup",
                  "2s",
                  "--orders",
                  "6",
                  "--probe-time",
                  "300ms",
                  "--stores",
                  "1",
                  "--products",
                  "4",
                  "--sweep",
                  "1,2",
                  "--sweep-step-duration",
                  "1s",
                  "--history",
                  "300"
                },
                Map.of())
            .withOutput(output);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    JsonObject report =
        new Bench(options, env, new PrintStream(progress, true, StandardCharsets.UTF_8))
            .run("BenchSmokeTest");
    String markdown = BenchReport.write(report, output);

    JsonObject load = report.getJsonObject("load");
    assertThat(report.getJsonObject("errors").getMap()).isEmpty();
    assertThat(load.getLong("ordersStarted")).isEqualTo(6);
    assertThat(load.getLong("ordersCompleted")).isEqualTo(6);
    assertThat(load.getLong("ordersFailed")).isZero();
    assertThat(load.getDouble("ordersPerSecond")).isPositive();
    assertThat(report.getJsonObject("latencyMs").getJsonObject("checkoutToApproved").fieldNames())
        .contains("count", "p50Ms", "p95Ms", "p99Ms", "maxMs");
    assertThat(
            report.getJsonObject("latencyMs").getJsonObject("checkoutToApproved").getLong("count"))
        .isEqualTo(6);
    assertThat(report.getJsonObject("probes").fieldNames())
        .containsExactlyInAnyOrder("yardstick", "database", "broker");
    assertThat(report.getJsonObject("scores").fieldNames())
        .contains(
            "lowerCeiling",
            "percentOfLowerCeiling",
            "ordersPerThousandYardstickTx",
            "databaseCeilingPerThousandYardstickTx");
    assertThat(report.getJsonObject("resources").getJsonArray("processes")).isNotEmpty();
    JsonObject cpu = load.getJsonObject("cpuMsPerOrder");
    assertThat(cpu.fieldNames())
        .as("CPU per order in total and per process group")
        .contains("total", "services", "postgres", "broker", "driver");
    assertThat(cpu.getDouble("services")).as("the services did the work").isPositive();
    assertThat(cpu.getDouble("total")).isGreaterThanOrEqualTo(cpu.getDouble("services"));
    assertThat(cpu.getValue("broker")).as("the in-JVM broker counts with the services").isNull();
    JsonArray points = report.getJsonObject("sweep").getJsonArray("points");
    assertThat(points.stream().map(p -> ((JsonObject) p).getInteger("concurrency")))
        .containsExactly(1, 2);
    for (Object o : points) {
      JsonObject point = (JsonObject) o;
      assertThat(point.getLong("ordersCompleted")).as("each step approves orders").isPositive();
      assertThat(point.getLong("ordersFailed")).isZero();
      assertThat(point.getDouble("ordersPerSecond")).isPositive();
      assertThat(point.getDouble("p99Ms")).isGreaterThanOrEqualTo(point.getDouble("p50Ms"));
      assertThat(point.getJsonObject("cpuMsPerOrder").getDouble("services")).isPositive();
    }
    assertThat(report.getJsonObject("resources").getJsonObject("heap").getLong("peakUsedBytes"))
        .isPositive();
    assertThat(markdown)
        .contains("completed orders/s", "checkout → approved", "yardstick")
        .contains("CPU per order (ms)", "sweep: shoppers in flight");
    assertThat(output.resolve("report-memory.json")).exists();
    assertThat(output.resolve("report-memory.md")).exists();
    assertThat(Files.readString(output.resolve("report-memory.html")))
        .contains("<svg", "<table>", "database ceiling", "against shoppers in flight")
        .doesNotContain("<script src")
        .doesNotContain("<pre>");
    assertThat(load.getBoolean("shoppersLoggedIn")).isFalse();
    assertThat(load.getLong("pastOrders")).isEqualTo(300);
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .as("the warm-up's orders copied until 300 are stored")
        .containsPattern("history: [0-9,]+ orders");
  }

  /**
   * With {@code AUTH_REQUIRED=true} every service refuses a call without a valid token and lets a
   * shopper act only on their own payments, baskets and orders: the orders complete only if each
   * shopper logged in and every call carried their own token.
   */
  @Test
  void loggedInShoppersGetTheirOrdersApprovedWhereTokensAreRequired() throws Exception {
    assumeTrue(
        LauncherMall.services().containsAll(List.of("baskets", "ordering", "search")),
        "the launcher does not run baskets, ordering and search yet");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("POSTGRES_HOST", TestDatabases.env("POSTGRES_HOST", "127.0.0.1"));
    env.put("AUTH_REQUIRED", "true");
    BenchOptions options =
        BenchOptions.parse(
                new String[] {
                  "--broker",
                  "memory",
                  "--free-ports",
                  "--concurrency",
                  "2",
                  "--warmup",
                  "1s",
                  "--orders",
                  "6",
                  "--probe-time",
                  "0",
                  "--stores",
                  "2",
                  "--products",
                  "3"
                },
                env)
            .withOutput(output);

    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    JsonObject report =
        new Bench(options, env, new PrintStream(progress, true, StandardCharsets.UTF_8))
            .run("BenchSmokeTest with tokens");

    JsonObject load = report.getJsonObject("load");
    assertThat(options.authRequired()).as("AUTH_REQUIRED read as the services read it").isTrue();
    assertThat(report.getString("system"))
        .as("what the services made of their settings")
        .contains("access tokens required");
    assertThat(load.getBoolean("shoppersLoggedIn")).isTrue();
    assertThat(report.getJsonObject("warmupErrors").getMap()).isEmpty();
    assertThat(report.getJsonObject("errors").getMap()).isEmpty();
    assertThat(load.getLong("ordersCompleted")).isEqualTo(6);
    assertThat(load.getLong("ordersFailed")).isZero();
    assertThat(BenchReport.write(report, output)).contains("every shopper logged in");
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .as("the tables analysed after the warm-up, as autovacuum would have them")
        .contains("database: vacuumed and analysed");
  }
}

package io.mallbots.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.bench.report.BenchReport;
import io.mallbots.bench.stack.ServiceProcesses;
import io.mallbots.core.testing.TestDatabases;
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
 * {@code make bench INSTANCES=2} in miniature: two JVMs of every service (fourteen) on the local
 * NATS and the test PostgreSQL (lean JVMs: small heaps, C1 only), a few orders spread over the
 * instances, then the report. Checks that every order was approved, that the report says how many
 * instances and JVMs ran, and that the services' CPU is that of all fourteen; never the timings.
 */
class BenchInstancesSmokeTest {

  @TempDir Path output;

  @Test
  @Timeout(240)
  void twoInstancesOfEveryServiceApproveOrdersAndTheReportCountsTheirJvms() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putIfAbsent("POSTGRES_HOST", TestDatabases.env("POSTGRES_HOST", "127.0.0.1"));
    BenchOptions options =
        BenchOptions.parse(
                new String[] {
                  "--broker",
                  "nats",
                  "--instances",
                  "2",
                  // Lean JVMs (as the chaos run's) start in a fraction of the CPU: a test on two
                  // cores.
                  "--service-jvm-options",
                  String.join(" ", ServiceProcesses.LEAN_JVM),
                  "--concurrency",
                  "2",
                  "--warmup",
                  "1s",
                  "--orders",
                  "6",
                  "--probe-time",
                  "0",
                  "--stores",
                  "1",
                  "--products",
                  "3"
                },
                Map.of())
            .withOutput(output);

    JsonObject report =
        new Bench(
                options,
                env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
            .run("BenchInstancesSmokeTest");
    String markdown = BenchReport.write(report, output);

    JsonObject load = report.getJsonObject("load");
    assertThat(report.getJsonObject("errors").getMap()).isEmpty();
    assertThat(load.getLong("ordersCompleted")).isEqualTo(6);
    assertThat(load.getLong("ordersFailed")).isZero();
    assertThat(report.getString("target")).isEqualTo("processes");
    assertThat(report.getInteger("instances")).isEqualTo(2);
    assertThat(report.getInteger("serviceJvms")).isEqualTo(14);
    assertThat(report.getString("serviceJvmOptions")).contains("-Xmx128m");
    JsonObject services =
        report.getJsonObject("resources").getJsonArray("processes").stream()
            .map(JsonObject.class::cast)
            .filter(group -> group.getString("group").equals("services"))
            .findFirst()
            .orElseThrow();
    assertThat(services.getJsonArray("pids")).as("every instance's JVM").hasSize(14);
    assertThat(load.getJsonObject("cpuMsPerOrder").getDouble("services")).isPositive();
    assertThat(markdown).contains("14 JVMs: 2 instances of each service");
    assertThat(report.getString("system")).contains("14 service JVMs");
    assertThat(report.getJsonObject("warmupErrors").getMap()).isEmpty();
  }
}

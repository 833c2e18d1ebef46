package io.mallbots.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void flagsWinOverTheEnvironment() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {"--broker", "nats", "--rate=150", "--duration", "2m"},
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
  void instancesStartTheServicesAsSeparateJvmsAndTheDefaultStaysInProcess() {
    BenchOptions two = BenchOptions.parse(new String[] {"--instances", "2"}, Map.of());
    BenchOptions one = BenchOptions.parse(new String[] {"--target", "processes"}, Map.of());
    BenchOptions plain = BenchOptions.parse(new String[0], Map.of());

    assertThat(two.separateJvms()).isTrue();
    assertThat(two.target()).isEqualTo("processes");
    assertThat(two.instances()).isEqualTo(2);
    assertThat(two.serviceJvmOptions()).containsExactly("-Xmx256m");
    assertThat(
            BenchOptions.parse(
                    new String[] {"--instances=1", "--service-jvm-options", " -Xmx1g  -XX:+UseZGC"},
                    Map.of())
                .serviceJvmOptions())
        .containsExactly("-Xmx1g", "-XX:+UseZGC");
    assertThat(one.separateJvms()).isTrue();
    assertThat(one.instances()).as("one JVM per service").isEqualTo(1);
    assertThat(plain.inProcess()).isTrue();
    assertThat(plain.instances()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                BenchOptions.parse(
                    new String[] {"--instances", "2", "--broker", "memory"}, Map.of()))
        .hasMessageContaining("--broker memory");
    assertThatThrownBy(
            () ->
                BenchOptions.parse(
                    new String[] {"--instances", "2", "--target", "running"}, Map.of()))
        .hasMessageContaining("--target running");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--instances", "-1"}, Map.of()))
        .hasMessageContaining("--instances");
  }

  @Test
  void aSweepListsTheConcurrenciesAndSeedsShoppersForTheLargest() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {"--sweep", "1,2, 4,64", "--sweep-step-duration", "5s"}, Map.of());

    assertThat(options.sweep()).containsExactly(1, 2, 4, 64);
    assertThat(options.sweepStepDuration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.shoppers()).isEqualTo(64);
    assertThat(BenchOptions.parse(new String[0], Map.of()).sweep()).isEmpty();
    assertThat(BenchOptions.parse(new String[0], Map.of()).shoppers()).isEqualTo(32);
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sweep", "1,0"}, Map.of()))
        .hasMessageContaining("--sweep");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sweep", "1,x"}, Map.of()))
        .hasMessageContaining("--sweep");
    assertThatThrownBy(
            () -> BenchOptions.parse(new String[] {"--sweep", "1,2", "--rate", "10"}, Map.of()))
        .hasMessageContaining("closed loop");
    assertThatThrownBy(
            () -> BenchOptions.parse(new String[] {"--sweep-step-duration", "0"}, Map.of()))
        .hasMessageContaining("--sweep-step-duration");
  }

  @Test
  void shoppersLogInWhereTheEnvironmentRequiresTokensUnlessTheFlagSaysOtherwise() {
    assertThat(BenchOptions.parse(new String[0], Map.of()).authRequired()).isFalse();
    assertThat(BenchOptions.parse(new String[0], Map.of("AUTH_REQUIRED", "true")).authRequired())
        .isTrue();
    assertThat(BenchOptions.parse(new String[] {"--auth-required"}, Map.of()).authRequired())
        .isTrue();
    assertThat(
            BenchOptions.parse(
                    new String[] {"--auth-required=false"}, Map.of("AUTH_REQUIRED", "true"))
                .authRequired())
        .isFalse();
    assertThat(
            BenchOptions.parse(new String[0], Map.of("BENCH_AUTH_REQUIRED", "yes")).authRequired())
        .isTrue();
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--auth-required=maybe"}, Map.of()))
        .hasMessageContaining("--auth-required");
  }

  @Test
  void aBadValueNamesItsFlag() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--broker", "rabbit"}, Map.of()))
        .hasMessageContaining("--broker");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--duration", "soon"}, Map.of()))
        .hasMessageContaining("--duration");
    assertThatThrownBy(
            () ->
                BenchOptions.parse(
                    new String[] {"--broker", "memory", "--target", "running"}, Map.of()))
        .hasMessageContaining("memory");
  }

  @Test
  void anUnknownOrMisspeltOptionIsAnErrorThatNamesIt() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--concurency", "8"}, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--concurency")
        .hasMessageContaining("did you mean --concurrency");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--no-such-thing"}, Map.of()))
        .hasMessageContaining("--no-such-thing");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"stray"}, Map.of()))
        .hasMessageContaining("stray");
  }

  @Test
  void anUnknownOptionEndsMainWithStatusTwoAndTheUsage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    Cli.Outcome<BenchOptions> outcome =
        Cli.parse(
            BenchOptions.commandLine(Map.of()),
            new String[] {"--wramup=5s"},
            BenchOptions::from,
            print(out),
            print(err));

    assertThat(outcome.options()).isNull();
    assertThat(outcome.exitStatus()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("--wramup", "Usage: bench", "--warmup");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void anOptionTakesItsValueAfterAnEqualsSignOrAsTheNextArgument() {
    BenchOptions joined =
        BenchOptions.parse(
            new String[] {
              "--concurrency=8",
              "--probe-time=0",
              "--out=/tmp/x",
              "--target=running",
              "--sut-pid=12,34",
              "--free-ports=true"
            },
            Map.of());
    BenchOptions apart =
        BenchOptions.parse(
            new String[] {
              "--concurrency",
              "8",
              "--probe-time",
              "0",
              "--out",
              "/tmp/x",
              "--target",
              "running",
              "--sut-pid",
              "12,34",
              "--free-ports"
            },
            Map.of());

    assertThat(joined).isEqualTo(apart);
    assertThat(joined.concurrency()).isEqualTo(8);
    assertThat(joined.probeTime()).isZero();
    assertThat(joined.sutPids()).containsExactly(12L, 34L);
    assertThat(joined.freePorts()).isTrue();
    BenchOptions bare =
        BenchOptions.parse(new String[] {"--auth-required", "--concurrency", "8"}, Map.of());
    assertThat(bare.authRequired())
        .as("a bare switch takes no value from the next option")
        .isTrue();
    assertThat(bare.concurrency()).isEqualTo(8);
  }

  @Test
  void theLastOfARepeatedOptionWins() {
    // make bench passes --broker $(BROKER) before BENCH_ARGS, which may say --broker again.
    assertThat(
            BenchOptions.parse(new String[] {"--broker", "kafka", "--broker", "nats"}, Map.of())
                .broker())
        .isEqualTo("nats");
  }

  @Test
  void everyOptionFallsBackToItsEnvironmentVariableAndThenToItsDefault() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {"--stores", "5"},
            Map.of(
                "BENCH_CONCURRENCY",
                "7",
                "BENCH_PROBE_TIME",
                "0",
                "BENCH_PRODUCTS",
                "3",
                "BENCH_STORES",
                "9",
                "BENCH_FREE_PORTS",
                "true",
                "BENCH_SUT_PID",
                "42",
                "BENCH_OUT",
                "/tmp/bench-out",
                "BENCH_TARGET",
                "running",
                "BENCH_ARGS",
                "--whatever"));

    assertThat(options.concurrency()).isEqualTo(7);
    assertThat(options.probeTime()).isZero();
    assertThat(options.productsPerStore()).isEqualTo(3);
    assertThat(options.stores()).as("the flag wins").isEqualTo(5);
    assertThat(options.freePorts()).isTrue();
    assertThat(options.sutPids()).containsExactly(42L);
    assertThat(options.output()).isEqualTo(Path.of("/tmp/bench-out"));
    assertThat(options.inProcess()).isFalse();
    assertThat(options.warmup()).as("no variable: the default").isEqualTo(Duration.ofSeconds(60));
    assertThat(BenchOptions.parse(new String[0], Map.of("EVENT_SERVER_TYPE", "nats")).broker())
        .isEqualTo("nats");
    assertThat(
            BenchOptions.parse(
                    new String[0], Map.of("EVENT_SERVER_TYPE", "nats", "BENCH_BROKER", "kafka"))
                .broker())
        .isEqualTo("kafka");
    assertThatThrownBy(() -> BenchOptions.parse(new String[0], Map.of("BENCH_CONCURRENCY", "lots")))
        .hasMessageContaining("--concurrency")
        .hasMessageContaining("lots");
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("--broker", "kafka");
    defaults.put("--concurrency", "32");
    defaults.put("--duration", "30s");
    defaults.put("--orders", "0");
    defaults.put("--warmup", "60s");
    defaults.put("--rate", "0");
    defaults.put("--target", "in-process");
    defaults.put("--instances", "1 with --target processes, else the in-process");
    defaults.put("--service-jvm-options", "-Xmx256m");
    defaults.put("--host", "127.0.0.1");
    defaults.put("--namespace", "empty");
    defaults.put("--sut-pid", "none");
    defaults.put("--free-ports", "false");
    defaults.put("--stores", "2");
    defaults.put("--products", "10");
    defaults.put("--approval-timeout", "30s");
    defaults.put("--done-by", "search");
    defaults.put("--probe-time", "10s");
    defaults.put("--probes-only", "false");
    defaults.put("--auth-required", "AUTH_REQUIRED, else false");
    defaults.put("--sweep", "none");
    defaults.put("--sweep-step-duration", "20s");
    defaults.put("--history", "0");
    defaults.put("--out", "target/bench");

    String usage = BenchOptions.usage(Map.of());

    assertThat(BenchOptions.commandLine(Map.of()).getCommandSpec().options())
        .extracting(option -> option.longestName())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    defaults.keySet().stream(), java.util.stream.Stream.of("--help"))
                .toList());
    defaults.forEach(
        (option, fallback) ->
            assertThat(BenchOptionsTestSupport.helpOf(usage, option))
                .as(option)
                .contains("Default: " + fallback));
    assertThat(BenchOptions.usage(Map.of("BENCH_CONCURRENCY", "64")))
        .as("the environment's default")
        .contains("Default: 64");
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}

package io.mallbots.bench;

import io.mallbots.core.config.AuthSettings;
import io.mallbots.core.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * The flags of {@link BenchOptions} as picocli fills them: defaults from the environment, then the
 * command line; {@link #options} checks them.
 */
@Command(
    name = "bench",
    sortOptions = false,
    showDefaultValues = true,
    description = {
      "MallBots benchmark: shoppers over gRPC, checkout-to-approved latency, and the limits of the "
          + "machine (docs/benchmarks.md).",
      ""
    },
    footer = {
      "",
      "Every option also reads from BENCH_<OPTION> (e.g. BENCH_RATE=200, BENCH_PROBE_TIME=0); the flag "
          + "wins. EVENT_SERVER_TYPE sets the broker where neither does; AUTH_REQUIRED, whether shoppers log in."
    })
final class BenchFlags {

  private final Map<String, String> env;

  @Option(
      names = "--broker",
      paramLabel = "kafka|nats|memory",
      defaultValue = "kafka",
      description = "the system's broker (memory: in-process only)")
  String broker;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "32",
      description = "shoppers at once / open loop: most orders in flight")
  int concurrency;

  @Option(
      names = "--duration",
      paramLabel = "30s",
      defaultValue = "30s",
      description = "measured phase: a time (ignored when --orders is set)")
  String duration;

  @Option(
      names = "--orders",
      paramLabel = "N",
      defaultValue = "0",
      description = "measured phase: a number of orders; 0 runs for --duration")
  int orders;

  @Option(
      names = "--warmup",
      paramLabel = "60s",
      defaultValue = "60s",
      description = "load before measuring, not counted (the JIT compiles for a minute)")
  String warmup;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "0",
      description = "open loop: R orders/s on a fixed timetable; 0 is a closed loop")
  String rate;

  @Option(
      names = "--target",
      paramLabel = "in-process|processes|running",
      defaultValue = "in-process",
      description =
          "start the whole system in this JVM, or as separate JVMs (--instances of each), or drive "
              + "a running one")
  String target;

  @Option(
      names = "--instances",
      paramLabel = "N",
      defaultValue = "0",
      showDefaultValue = Visibility.NEVER,
      description =
          "separate JVMs: N instances of every service, one JVM each, on free ports (implies "
              + "--target processes)%n  Default: 1 with --target processes, else the in-process "
              + "target")
  int instances;

  @Option(
      names = "--service-jvm-options",
      paramLabel = "OPTS",
      defaultValue = "-Xmx256m",
      description = "separate JVMs: the options of every service JVM, space separated")
  String serviceJvmOptions;

  @Option(
      names = "--host",
      paramLabel = "H",
      defaultValue = "127.0.0.1",
      description = "running: where the services listen, on their standard ports")
  String host;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      defaultValue = "",
      showDefaultValue = Visibility.NEVER,
      description = "running: the system's EVENT_NAMESPACE%n  Default: empty")
  String namespace;

  @Option(
      names = "--sut-pid",
      paramLabel = "PID[,PID]",
      defaultValue = "",
      showDefaultValue = Visibility.NEVER,
      description = "running: processes whose CPU and RSS are reported%n  Default: none")
  String sutPids;

  @Option(
      names = "--free-ports",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      defaultValue = "false",
      showDefaultValue = Visibility.ALWAYS,
      description = "in-process: free ports instead of the standard ones")
  boolean freePorts;

  @Option(names = "--stores", paramLabel = "N", defaultValue = "2", description = "seed: stores")
  int stores;

  @Option(
      names = "--products",
      paramLabel = "N",
      defaultValue = "10",
      description = "seed: products per store")
  int products;

  @Option(
      names = "--approval-timeout",
      paramLabel = "30s",
      defaultValue = "30s",
      description = "checkout-to-approved longer than this is an error")
  String approvalTimeout;

  @Option(
      names = "--done-by",
      paramLabel = "search|ordering",
      defaultValue = "search",
      description = "who must say APPROVED")
  String doneBy;

  @Option(
      names = "--probe-time",
      paramLabel = "10s",
      defaultValue = "10s",
      description = "time of each limit probe; 0 skips them")
  String probeTime;

  @Option(
      names = "--probes-only",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      defaultValue = "false",
      showDefaultValue = Visibility.ALWAYS,
      description = "only the limit probes (POSTGRES_*, KAFKA_BROKERS / NATS_URL), no load")
  boolean probesOnly;

  @Option(
      names = "--auth-required",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      showDefaultValue = Visibility.NEVER,
      description =
          "the system requires access tokens: shoppers log in (in-process, the services are started "
              + "with it)%n  Default: AUTH_REQUIRED, else false")
  String authRequired;

  @Option(
      names = "--sweep",
      paramLabel = "N,N,...",
      defaultValue = "",
      showDefaultValue = Visibility.NEVER,
      description =
          "closed loop at each of these concurrencies, one step each, before the measured phase "
              + "(the curve)%n  Default: none")
  String sweep;

  @Option(
      names = "--sweep-step-duration",
      paramLabel = "20s",
      defaultValue = "20s",
      description = "how long each step of --sweep is measured")
  String sweepStepDuration;

  @Option(
      names = "--history",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "after the warm-up, copy its finished orders until about N past orders are in every "
              + "service's tables, then measure (the data-growth run)")
  long history;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "target/bench",
      description = "report directory")
  Path out;

  @Option(names = "--help", usageHelp = true, description = "this text")
  boolean help;

  BenchFlags(Map<String, String> env) {
    this.env = env;
  }

  BenchOptions options() {
    String broker = choice(this.broker, "broker", List.of("kafka", "nats", "memory"));
    String target = choice(this.target, "target", List.of("in-process", "processes", "running"));
    if (instances < 0) {
      throw new IllegalArgumentException("--instances must be 1 or more");
    }
    if (instances > 0 && target.equals("running")) {
      throw new IllegalArgumentException(
          "--instances starts the services: leave out --target running");
    }
    if (instances > 0) {
      target = "processes";
    }
    if (broker.equals("memory") && !target.equals("in-process")) {
      throw new IllegalArgumentException("--broker memory works only with --target in-process");
    }
    int instanceCount =
        switch (target) {
          case "in-process" -> 1;
          case "processes" -> Math.max(1, instances);
          default -> 0;
        };
    List<Long> pids =
        Arrays.stream(sutPids.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(s -> number(s, "sut-pid"))
            .toList();
    if (history < 0) {
      throw new IllegalArgumentException("--history must be 0 or more");
    }
    if (orders < 0) {
      throw new IllegalArgumentException("--orders must be 0 or more");
    }
    List<Integer> steps =
        Arrays.stream(sweep.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(s -> positive((int) number(s, "sweep"), "sweep"))
            .toList();
    if (!steps.isEmpty() && decimal(rate, "rate") > 0) {
      throw new IllegalArgumentException("--sweep runs the closed loop: leave out --rate");
    }
    return new BenchOptions(
        broker,
        positive(concurrency, "concurrency"),
        parseDuration(duration, "duration"),
        orders,
        parseDuration(warmup, "warmup"),
        decimal(rate, "rate"),
        target,
        instanceCount,
        Arrays.stream(serviceJvmOptions.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList(),
        host,
        namespace,
        pids,
        freePorts,
        positive(stores, "stores"),
        positive(products, "products"),
        parseDuration(approvalTimeout, "approval-timeout"),
        choice(doneBy, "done-by", List.of("search", "ordering")),
        parseDuration(probeTime, "probe-time"),
        probesOnly,
        authRequired(authRequired, env),
        steps,
        positiveDuration(
            parseDuration(sweepStepDuration, "sweep-step-duration"), "sweep-step-duration"),
        history,
        out);
  }

  /**
   * The flag (or {@code BENCH_AUTH_REQUIRED}), read as the services read {@code AUTH_REQUIRED}
   * (core {@link AuthSettings#requiredBy}); without either, the environment's {@code
   * AUTH_REQUIRED}.
   */
  private static boolean authRequired(String value, Map<String, String> env) {
    if (value == null) {
      return AuthSettings.requiredBy(Settings.of("bench", env));
    }
    try {
      return AuthSettings.requiredBy(Settings.of("bench", Map.of("AUTH_REQUIRED", value)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--auth-required must be true or false; got '" + value + "'");
    }
  }

  /** Parses {@code 30s}, {@code 2m}, {@code 500ms} or plain seconds. */
  static Duration parseDuration(String text, String flag) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + flag + " must be a duration such as 30s, 2m or 500ms; got '" + text + "'");
    }
  }

  private static Duration positiveDuration(Duration value, String flag) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("--" + flag + " must be longer than 0");
    }
    return value;
  }

  private static String choice(String text, String flag, List<String> allowed) {
    String value = text.toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(
          "--" + flag + " must be one of " + String.join(", ", allowed) + "; got '" + value + "'");
    }
    return value;
  }

  private static int positive(int value, String flag) {
    if (value < 1) {
      throw new IllegalArgumentException("--" + flag + " must be at least 1");
    }
    return value;
  }

  private static long number(String text, String flag) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + flag + " must be a whole number; got '" + text + "'");
    }
  }

  private static double decimal(String text, String flag) {
    try {
      double value = Double.parseDouble(text);
      if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + flag + " must be a number >= 0; got '" + text + "'");
    }
  }
}

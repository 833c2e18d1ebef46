package io.mallbots.bench;

import io.mallbots.core.config.AuthSettings;
import io.mallbots.core.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * What one benchmark run does. Every option is a CLI flag ({@code --concurrency 32} or {@code
 * --concurrency=32}) or an environment variable ({@code BENCH_CONCURRENCY=32}); the flag wins, and
 * an unknown flag is an error ({@link Cli}, picocli). {@code --help} lists them with their
 * defaults.
 *
 * @param broker {@code kafka}, {@code nats} or {@code memory} (in-process only): the system's
 *     broker
 * @param concurrency shoppers at once: closed loop, each starts its next order when the last is
 *     approved; open loop, the most orders in flight (an arrival beyond it waits, and its wait
 *     counts)
 * @param duration how long the measured phase lasts (ignored when {@code orders} is set)
 * @param orders how many measured orders, or 0 to run for {@code duration}
 * @param warmup load before measuring, not counted
 * @param rate open loop: orders started per second on a fixed timetable; 0 means closed loop
 * @param target {@code in-process} (start every service in this JVM) or {@code running} (gRPC
 *     endpoints)
 * @param host the running system's host
 * @param namespace the running system's {@code EVENT_NAMESPACE} (in-process: a fresh one)
 * @param sutPids running system: process ids whose CPU and RSS are reported
 * @param freePorts in-process: bind the services to free ports instead of their standard ones
 * @param stores stores to seed
 * @param productsPerStore products per store
 * @param approvalTimeout how long an order may take from checkout to approved before it counts as
 *     an error
 * @param doneBy {@code search} (search.GetOrder says APPROVED) or {@code ordering}
 *     (ordering.GetOrder)
 * @param probeTime how long each limit probe runs; zero skips the probes
 * @param probesOnly run only the limit probes, against {@code POSTGRES_*} and the broker's
 *     variables
 * @param authRequired whether the system requires access tokens, so the shoppers log in: {@code
 *     AUTH_REQUIRED} read as the services read it, unless the flag says otherwise; in-process, the
 *     services are started so
 * @param output where the report files go
 */
public record BenchOptions(
    String broker,
    int concurrency,
    Duration duration,
    int orders,
    Duration warmup,
    double rate,
    String target,
    String host,
    String namespace,
    List<Long> sutPids,
    boolean freePorts,
    int stores,
    int productsPerStore,
    Duration approvalTimeout,
    String doneBy,
    Duration probeTime,
    boolean probesOnly,
    boolean authRequired,
    Path output) {

  /** Parses flags over {@code env}; fails with a message naming the flag (an unknown one too). */
  public static BenchOptions parse(String[] args, Map<String, String> env) {
    CommandLine cli = commandLine(env);
    Cli.parse(cli, args);
    return from(cli);
  }

  /**
   * The command line whose options default to {@code BENCH_<OPTION>} in {@code env}; {@link #from}
   * reads it.
   */
  public static CommandLine commandLine(Map<String, String> env) {
    return Cli.of(
        new Flags(env),
        "BENCH_",
        env,
        Map.of("--broker", "EVENT_SERVER_TYPE", "--auth-required", "AUTH_REQUIRED"));
  }

  /** The options a parsed {@link #commandLine} holds; fails with a message naming the flag. */
  public static BenchOptions from(CommandLine cli) {
    return ((Flags) cli.getCommand()).options();
  }

  /** The text of {@code --help}, with the defaults {@code env} gives. */
  public static String usage(Map<String, String> env) {
    return commandLine(env).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** The flags as picocli fills them: defaults from the environment, then the command line. */
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
  static final class Flags {

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
        paramLabel = "in-process|running",
        defaultValue = "in-process",
        description = "start the whole system in this JVM, or drive a running one")
    String target;

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
        names = "--out",
        paramLabel = "DIR",
        defaultValue = "target/bench",
        description = "report directory")
    Path out;

    @Option(names = "--help", usageHelp = true, description = "this text")
    boolean help;

    Flags(Map<String, String> env) {
      this.env = env;
    }

    BenchOptions options() {
      String broker = choice(this.broker, "broker", List.of("kafka", "nats", "memory"));
      String target = choice(this.target, "target", List.of("in-process", "running"));
      if (broker.equals("memory") && target.equals("running")) {
        throw new IllegalArgumentException("--broker memory works only with --target in-process");
      }
      List<Long> pids =
          java.util.Arrays.stream(sutPids.split(","))
              .map(String::trim)
              .filter(s -> !s.isEmpty())
              .map(s -> number(s, "sut-pid"))
              .toList();
      if (orders < 0) {
        throw new IllegalArgumentException("--orders must be 0 or more");
      }
      return new BenchOptions(
          broker,
          positive(concurrency, "concurrency"),
          parseDuration(duration, "duration"),
          orders,
          parseDuration(warmup, "warmup"),
          decimal(rate, "rate"),
          target,
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
          out);
    }
  }

  /** Open loop: arrivals on a timetable. */
  public boolean openLoop() {
    return rate > 0;
  }

  public boolean inProcess() {
    return target.equals("in-process");
  }

  /** These options with a different output directory (tests). */
  public BenchOptions withOutput(Path directory) {
    return new BenchOptions(
        broker,
        concurrency,
        duration,
        orders,
        warmup,
        rate,
        target,
        host,
        namespace,
        sutPids,
        freePorts,
        stores,
        productsPerStore,
        approvalTimeout,
        doneBy,
        probeTime,
        probesOnly,
        authRequired,
        directory);
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

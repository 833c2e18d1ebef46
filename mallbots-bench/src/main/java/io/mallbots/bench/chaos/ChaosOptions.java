package io.mallbots.bench.chaos;

import io.mallbots.bench.Cli;
import io.mallbots.bench.stack.ServiceProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * What {@code make chaos} runs: {@code --help} lists the options with their defaults; every option
 * is a flag ({@code --seed 42} or {@code --seed=42}) or a {@code CHAOS_<OPTION>} variable, the flag
 * wins, an unknown flag is an error ({@link Cli}, picocli).
 *
 * @param broker kafka or nats (a private broker either way, restarted once)
 * @param duration how long shoppers arrive and faults are injected
 * @param killEvery a random service gets {@code kill -9} this often
 * @param cutFor how long one service's database line stays cut
 * @param cutService whose database line is cut
 * @param rate orders started per second (open loop)
 * @param concurrency orders in flight at most
 * @param approvalTimeout how long a shopper waits for the order's end before giving up (the books
 *     still count it)
 * @param quietTimeout how long after the last fault the books may take to balance
 * @param output where report-&lt;broker&gt;.json and the run's logs go
 * @param seed picks the victims; the same seed kills the same services in the same order
 * @param keep keep the run's schemas (for a look with psql) instead of dropping them
 * @param instances JVMs per service (of those {@code instanced} names); with 2 or more single
 *     instances are killed while the others serve, and once every instance of one service
 * @param instanced the services that get {@code instances} JVMs (the others one)
 * @param brokerNodes 1 or 3: a private broker node, or a private cluster of three of which one node
 *     is killed
 * @param swapBroker run both brokers and, in the middle of the run, restart every service instance
 *     on the other one, draining the first (EVENT_SERVER_DRAIN_FROM)
 */
public record ChaosOptions(
    String broker,
    Duration duration,
    Duration killEvery,
    Duration cutFor,
    String cutService,
    double rate,
    int concurrency,
    Duration approvalTimeout,
    Duration quietTimeout,
    Path output,
    long seed,
    boolean keep,
    int instances,
    Set<String> instanced,
    int brokerNodes,
    boolean swapBroker) {

  /** How many JVMs {@code service} runs in. */
  public int instancesOf(String service) {
    return instanced.contains(service) ? instances : 1;
  }

  /**
   * Parses flags alone (no environment); fails with a message naming the flag (an unknown one too).
   */
  public static ChaosOptions parse(String[] args) {
    return parse(args, Map.of());
  }

  /** Parses flags over {@code env} ({@code CHAOS_<OPTION>}); the flag wins. */
  public static ChaosOptions parse(String[] args, Map<String, String> env) {
    CommandLine cli = commandLine(env);
    Cli.parse(cli, args);
    return from(cli);
  }

  /**
   * The command line whose options default to {@code CHAOS_<OPTION>} in {@code env}; {@link #from}
   * reads it.
   */
  public static CommandLine commandLine(Map<String, String> env) {
    return Cli.of(new Flags(), "CHAOS_", env, Map.of());
  }

  /** The options a parsed {@link #commandLine} holds; fails with a message naming the flag. */
  public static ChaosOptions from(CommandLine cli) {
    return ((Flags) cli.getCommand()).options();
  }

  /** The text of {@code --help}, with the defaults {@code env} gives. */
  public static String usage(Map<String, String> env) {
    return commandLine(env).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** The flags as picocli fills them: defaults from the environment, then the command line. */
  @Command(
      name = "chaos",
      sortOptions = false,
      showDefaultValues = true,
      description = {
        "Runs the seven services as separate JVMs on a private broker, drives orders, kills a random "
            + "service every --kill-every, restarts the broker once, cuts one service's database line once, waits for "
            + "quiet and checks the books in every schema (docs/reliability.md). Exit status 0 when the books balance.",
        ""
      },
      footer = {
        "",
        "Every option also reads from CHAOS_<OPTION> (e.g. CHAOS_SEED=42); the flag wins."
      })
  static final class Flags {

    @Option(
        names = "--broker",
        paramLabel = "kafka|nats",
        defaultValue = "kafka",
        description = "the broker the run owns and restarts")
    String broker;

    @Option(
        names = "--duration",
        paramLabel = "60s",
        defaultValue = "60s",
        description = "how long shoppers arrive")
    String duration;

    @Option(
        names = "--kill-every",
        paramLabel = "8s",
        defaultValue = "8s",
        description = "a random service gets kill -9 this often")
    String killEvery;

    @Option(
        names = "--cut-for",
        paramLabel = "5s",
        defaultValue = "5s",
        description = "how long the database line stays cut")
    String cutFor;

    @Option(
        names = "--cut-service",
        paramLabel = "SERVICE",
        defaultValue = "ordering",
        description = "whose database line is cut")
    String cutService;

    @Option(
        names = "--rate",
        paramLabel = "R",
        defaultValue = "4",
        description = "orders started per second")
    double rate;

    @Option(
        names = "--concurrency",
        paramLabel = "N",
        defaultValue = "16",
        description = "orders in flight at most")
    int concurrency;

    @Option(
        names = "--approval-timeout",
        paramLabel = "30s",
        defaultValue = "30s",
        description = "how long a shopper waits for the order's end (the books still count it)")
    String approvalTimeout;

    @Option(
        names = "--quiet-timeout",
        paramLabel = "180s",
        defaultValue = "180s",
        description = "how long after the last fault the books may take to balance")
    String quietTimeout;

    @Option(
        names = "--output",
        paramLabel = "DIR",
        defaultValue = "target/chaos",
        description = "where report-<broker>.json and the run's logs go")
    Path output;

    @Option(
        names = "--seed",
        paramLabel = "N",
        showDefaultValue = Visibility.NEVER,
        description =
            "picks the victims; the same seed kills the same services in the same order%n"
                + "  Default: random")
    Long seed;

    @Option(
        names = "--keep",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "true|false",
        defaultValue = "false",
        showDefaultValue = Visibility.ALWAYS,
        description = "keep the run's schemas (for a look with psql)")
    boolean keep;

    @Option(
        names = "--instances",
        paramLabel = "N",
        defaultValue = "1",
        description =
            "JVMs per service (see --instanced); with 2 single instances are killed while the other serves")
    int instances;

    @Option(
        names = "--instanced",
        paramLabel = "SERVICE,...",
        defaultValue = "all",
        description = "the services that get --instances JVMs (all, or a comma list)")
    String instanced;

    @Option(
        names = "--broker-nodes",
        paramLabel = "1|3",
        defaultValue = "1",
        description = "a private broker of one node, or a cluster of three (one node gets kill -9)")
    int brokerNodes;

    @Option(
        names = "--swap-broker",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "true|false",
        defaultValue = "false",
        showDefaultValue = Visibility.ALWAYS,
        description =
            "run both brokers; mid-run restart every service instance on the other one, draining"
                + " --broker (EVENT_SERVER_DRAIN_FROM)")
    boolean swapBroker;

    @Option(names = "--help", usageHelp = true, description = "this text")
    boolean help;

    ChaosOptions options() {
      if (!broker.equals("kafka") && !broker.equals("nats")) {
        throw new IllegalArgumentException("--broker is kafka or nats; got '" + broker + "'");
      }
      if (!ServiceProcesses.MAINS.containsKey(cutService)) {
        throw new IllegalArgumentException("--cut-service names no service: " + cutService);
      }
      if (instances < 1 || instances > 9) {
        throw new IllegalArgumentException("--instances is 1 to 9; got " + instances);
      }
      if (brokerNodes != 1 && brokerNodes != 3) {
        throw new IllegalArgumentException("--broker-nodes is 1 or 3; got " + brokerNodes);
      }
      Set<String> which =
          instanced.strip().equals("all")
              ? ServiceProcesses.MAINS.keySet()
              : Set.of(instanced.split("\\s*,\\s*"));
      for (String service : which) {
        if (!ServiceProcesses.MAINS.containsKey(service)) {
          throw new IllegalArgumentException("--instanced names no service: " + service);
        }
      }
      return new ChaosOptions(
          broker,
          duration(duration, "duration"),
          duration(killEvery, "kill-every"),
          duration(cutFor, "cut-for"),
          cutService,
          rate,
          concurrency,
          duration(approvalTimeout, "approval-timeout"),
          duration(quietTimeout, "quiet-timeout"),
          output,
          seed != null ? seed : System.nanoTime() % 100_000,
          keep,
          instances,
          Set.copyOf(which),
          brokerNodes,
          swapBroker);
    }
  }

  public ChaosOptions withOutput(Path path) {
    return new ChaosOptions(
        broker,
        duration,
        killEvery,
        cutFor,
        cutService,
        rate,
        concurrency,
        approvalTimeout,
        quietTimeout,
        path,
        seed,
        keep,
        instances,
        instanced,
        brokerNodes,
        swapBroker);
  }

  /** 500ms, 8s, 2m. */
  static Duration parseDuration(String text) {
    String t = text.trim();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis(
          Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
    }
    if (t.endsWith("m")) {
      return Duration.ofSeconds(
          Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
    }
    throw new IllegalArgumentException("a duration looks like 500ms, 8s or 2m, not '" + text + "'");
  }

  private static Duration duration(String text, String flag) {
    try {
      return parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--" + flag + " must be a duration such as 500ms, 8s or 2m; got '" + text + "'", e);
    }
  }
}

package io.mallbots.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

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
 * @param target {@code in-process} (start every service in this JVM), {@code processes} (start
 *     every service as separate JVMs, {@code instances} of each) or {@code running} (gRPC
 *     endpoints)
 * @param instances processes: JVMs of each service (in-process: 1; running: 0, not the bench's to
 *     say)
 * @param serviceJvmOptions processes: the options of every service JVM (heap, GC, compiler)
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
 * @param sweep closed-loop concurrencies to run one step each, before the measured phase (the curve
 *     of throughput and latency against concurrency); empty for none
 * @param sweepStepDuration how long each step of the sweep is measured
 * @param history past orders to put in every service's tables after the warm-up, before anything is
 *     measured (the data-growth run); 0 for none
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
    int instances,
    List<String> serviceJvmOptions,
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
    List<Integer> sweep,
    Duration sweepStepDuration,
    long history,
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
        new BenchFlags(env),
        "BENCH_",
        env,
        Map.of("--broker", "EVENT_SERVER_TYPE", "--auth-required", "AUTH_REQUIRED"));
  }

  /** The options a parsed {@link #commandLine} holds; fails with a message naming the flag. */
  public static BenchOptions from(CommandLine cli) {
    return ((BenchFlags) cli.getCommand()).options();
  }

  /** The text of {@code --help}, with the defaults {@code env} gives. */
  public static String usage(Map<String, String> env) {
    return commandLine(env).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  /** Open loop: arrivals on a timetable. */
  public boolean openLoop() {
    return rate > 0;
  }

  /** Shoppers to seed: enough for the measured phase and for the sweep's largest step. */
  public int shoppers() {
    return Math.max(concurrency, sweep.stream().mapToInt(Integer::intValue).max().orElse(0));
  }

  public boolean inProcess() {
    return target.equals("in-process");
  }

  /** A system already up ({@code --target running}): its database is not the bench's to tend. */
  public boolean runningTarget() {
    return target.equals("running");
  }

  /** The services as separate JVMs the bench starts ({@code --instances}). */
  public boolean separateJvms() {
    return target.equals("processes");
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
        instances,
        serviceJvmOptions,
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
        sweep,
        sweepStepDuration,
        history,
        directory);
  }
}

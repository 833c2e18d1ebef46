package io.mallbots.bench;

import io.mallbots.core.config.AuthSettings;
import io.mallbots.core.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one benchmark run does. Every option is a CLI flag ({@code --concurrency 32}) or an environment
 * variable ({@code BENCH_CONCURRENCY=32}); the flag wins.
 *
 * @param broker          {@code kafka}, {@code nats} or {@code memory} (in-process only): the system's broker
 * @param concurrency     shoppers at once: closed loop, each starts its next order when the last is approved;
 *                        open loop, the most orders in flight (an arrival beyond it waits, and its wait counts)
 * @param duration        how long the measured phase lasts (ignored when {@code orders} is set)
 * @param orders          how many measured orders, or 0 to run for {@code duration}
 * @param warmup          load before measuring, not counted
 * @param rate            open loop: orders started per second on a fixed timetable; 0 means closed loop
 * @param target          {@code in-process} (start every service in this JVM) or {@code running} (gRPC endpoints)
 * @param host            the running system's host
 * @param namespace       the running system's {@code EVENT_NAMESPACE} (in-process: a fresh one)
 * @param sutPids         running system: process ids whose CPU and RSS are reported
 * @param freePorts       in-process: bind the services to free ports instead of their standard ones
 * @param stores          stores to seed
 * @param productsPerStore products per store
 * @param approvalTimeout how long an order may take from checkout to approved before it counts as an error
 * @param doneBy          {@code search} (search.GetOrder says APPROVED) or {@code ordering} (ordering.GetOrder)
 * @param probeTime       how long each limit probe runs; zero skips the probes
 * @param probesOnly      run only the limit probes, against {@code POSTGRES_*} and the broker's variables
 * @param authRequired    whether the system requires access tokens, so the shoppers log in: {@code AUTH_REQUIRED}
 *                        read as the services read it, unless the flag says otherwise; in-process, the services
 *                        are started so
 * @param output          where the report files go
 */
public record BenchOptions(String broker, int concurrency, Duration duration, int orders, Duration warmup,
                           double rate, String target, String host, String namespace, List<Long> sutPids,
                           boolean freePorts, int stores, int productsPerStore, Duration approvalTimeout,
                           String doneBy, Duration probeTime, boolean probesOnly, boolean authRequired,
                           Path output) {

  /** The usage text of {@code --help}. */
  public static final String USAGE = """
      MallBots benchmark: shoppers over gRPC, checkout-to-approved latency, and the limits of the machine.

        --broker kafka|nats|memory   the system's broker (default kafka; memory: in-process only)
        --concurrency N              shoppers at once / open loop: most orders in flight (default 32)
        --duration 30s | --orders N  measured phase: a time, or a number of orders (default 30s)
        --warmup 60s                 load before measuring, not counted (default 60s: the JIT compiles for a minute)
        --rate R                     open loop: R orders/s on a fixed timetable (default 0: closed loop)
        --target in-process|running  start the whole system in this JVM, or drive a running one
        --host H                     running: where the services listen, on their standard ports
        --namespace NS               running: the system's EVENT_NAMESPACE (default empty)
        --sut-pid PID[,PID]          running: processes whose CPU and RSS are reported
        --free-ports                 in-process: free ports instead of the standard ones
        --stores N --products N      seed: stores, and products per store (default 2, 10)
        --approval-timeout 30s       checkout-to-approved longer than this is an error
        --done-by search|ordering    who must say APPROVED (default search)
        --probe-time 10s             time of each limit probe; 0 skips them
        --probes-only                only the limit probes (POSTGRES_*, KAFKA_BROKERS / NATS_URL), no load
        --auth-required[=false]      the system requires access tokens: shoppers log in (default: AUTH_REQUIRED;
                                     in-process, the services are started with it)
        --out DIR                    report directory (default target/bench)
      Every flag also reads from BENCH_<FLAG> (e.g. BENCH_RATE=200); EVENT_SERVER_TYPE sets the broker.
      """;

  /** Parses flags over {@code env}; fails with a message naming the flag. */
  public static BenchOptions parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    env.forEach((key, value) -> {
      if (key.startsWith("BENCH_") && !value.isBlank()) {
        values.put(key.substring(6).toLowerCase(Locale.ROOT).replace('_', '-'), value.trim());
      }
    });
    if (!values.containsKey("broker") && env.get("EVENT_SERVER_TYPE") != null) {
      values.put("broker", env.get("EVENT_SERVER_TYPE"));
    }
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (!flag.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + flag + "'");
      }
      String name = flag.substring(2);
      int equals = name.indexOf('=');
      if (equals > 0) {
        values.put(name.substring(0, equals), name.substring(equals + 1));
      } else if (name.equals("free-ports") || name.equals("probes-only") || name.equals("auth-required")
          || name.equals("help")) {
        values.put(name, "true");
      } else if (i + 1 < args.length) {
        values.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(flag + " needs a value");
      }
    }
    return from(values, env);
  }

  private static BenchOptions from(Map<String, String> v, Map<String, String> env) {
    String broker = choice(v, "broker", "kafka", List.of("kafka", "nats", "memory"));
    String target = choice(v, "target", "in-process", List.of("in-process", "running"));
    if (broker.equals("memory") && target.equals("running")) {
      throw new IllegalArgumentException("--broker memory works only with --target in-process");
    }
    List<Long> pids = v.containsKey("sut-pid") ? java.util.Arrays.stream(v.get("sut-pid").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).map(s -> number(s, "sut-pid")).toList() : List.of();
    BenchOptions options = new BenchOptions(broker,
        (int) positive(v, "concurrency", 32),
        duration(v, "duration", "30s"),
        (int) number(v.getOrDefault("orders", "0"), "orders"),
        duration(v, "warmup", "60s"),
        decimal(v, "rate", 0),
        target,
        v.getOrDefault("host", "127.0.0.1"),
        v.getOrDefault("namespace", ""),
        pids,
        Boolean.parseBoolean(v.getOrDefault("free-ports", "false")),
        (int) positive(v, "stores", 2),
        (int) positive(v, "products", 10),
        duration(v, "approval-timeout", "30s"),
        choice(v, "done-by", "search", List.of("search", "ordering")),
        duration(v, "probe-time", "10s"),
        Boolean.parseBoolean(v.getOrDefault("probes-only", "false")),
        authRequired(v, env),
        Path.of(v.getOrDefault("out", "target/bench")));
    if (options.orders < 0) {
      throw new IllegalArgumentException("--orders must be 0 or more");
    }
    return options;
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
    return new BenchOptions(broker, concurrency, duration, orders, warmup, rate, target, host, namespace, sutPids,
        freePorts, stores, productsPerStore, approvalTimeout, doneBy, probeTime, probesOnly, authRequired, directory);
  }

  /** The flag, else {@code AUTH_REQUIRED} as the services read it (core {@link AuthSettings#requiredBy}). */
  private static boolean authRequired(Map<String, String> v, Map<String, String> env) {
    if (!v.containsKey("auth-required")) {
      return AuthSettings.requiredBy(Settings.of("bench", env));
    }
    try {
      return AuthSettings.requiredBy(Settings.of("bench", Map.of("AUTH_REQUIRED", v.get("auth-required"))));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--auth-required must be true or false; got '" + v.get("auth-required") + "'");
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
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
      }
      return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + " must be a duration such as 30s, 2m or 500ms; got '" + text + "'");
    }
  }

  private static Duration duration(Map<String, String> v, String flag, String fallback) {
    return parseDuration(v.getOrDefault(flag, fallback), flag);
  }

  private static String choice(Map<String, String> v, String flag, String fallback, List<String> allowed) {
    String value = v.getOrDefault(flag, fallback).toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException("--" + flag + " must be one of " + String.join(", ", allowed) + "; got '"
          + value + "'");
    }
    return value;
  }

  private static long positive(Map<String, String> v, String flag, long fallback) {
    long value = v.containsKey(flag) ? number(v.get(flag), flag) : fallback;
    if (value < 1) {
      throw new IllegalArgumentException("--" + flag + " must be at least 1");
    }
    return value;
  }

  private static long number(String text, String flag) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + " must be a whole number; got '" + text + "'");
    }
  }

  private static double decimal(Map<String, String> v, String flag, double fallback) {
    try {
      double value = v.containsKey(flag) ? Double.parseDouble(v.get(flag)) : fallback;
      if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + flag + " must be a number >= 0; got '" + v.get(flag) + "'");
    }
  }
}

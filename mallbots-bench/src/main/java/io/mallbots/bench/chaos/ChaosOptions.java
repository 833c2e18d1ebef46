package io.mallbots.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code make chaos} runs: see {@link #USAGE}.
 *
 * @param broker          kafka or nats (a private broker either way, restarted once)
 * @param duration        how long shoppers arrive and faults are injected
 * @param killEvery       a random service gets {@code kill -9} this often
 * @param cutFor          how long one service's database line stays cut
 * @param cutService      whose database line is cut
 * @param rate            orders started per second (open loop)
 * @param concurrency     orders in flight at most
 * @param approvalTimeout how long a shopper waits for the order's end before giving up (the books still count it)
 * @param quietTimeout    how long after the last fault the books may take to balance
 * @param output          where report-&lt;broker&gt;.json and the run's logs go
 * @param seed            picks the victims; the same seed kills the same services in the same order
 * @param keep            keep the run's schemas (for a look with psql) instead of dropping them
 */
public record ChaosOptions(String broker, Duration duration, Duration killEvery, Duration cutFor, String cutService,
                           double rate, int concurrency, Duration approvalTimeout, Duration quietTimeout, Path output,
                           long seed, boolean keep) {

  public static final String USAGE = String.join("\n",
      "usage: Chaos [--broker kafka|nats] [--duration 60s] [--kill-every 8s] [--cut-for 5s] [--cut-service ordering]",
      "             [--rate 4] [--concurrency 16] [--approval-timeout 30s] [--quiet-timeout 180s]",
      "             [--output target/chaos] [--seed N] [--keep]",
      "Runs the seven services as separate JVMs on a private broker, drives orders, kills a random service every",
      "--kill-every, restarts the broker once, cuts one service's database line once, waits for quiet and checks",
      "the books in every schema (docs/reliability.md). Exit status 0 when the books balance.");

  private static final Set<String> FLAGS = Set.of("broker", "duration", "kill-every", "cut-for", "cut-service", "rate",
      "concurrency", "approval-timeout", "quiet-timeout", "output", "seed");

  public static ChaosOptions parse(String[] args) {
    Map<String, String> v = new HashMap<>();
    boolean keep = false;
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      if (arg.equals("--keep")) {
        keep = true;
        continue;
      }
      String flag = arg.startsWith("--") ? arg.substring(2) : "";
      if (!FLAGS.contains(flag) || i + 1 >= list.size()) {
        throw new IllegalArgumentException("unknown option or missing value: " + arg);
      }
      v.put(flag, list.get(++i));
    }
    String broker = v.getOrDefault("broker", "kafka");
    if (!broker.equals("kafka") && !broker.equals("nats")) {
      throw new IllegalArgumentException("--broker is kafka or nats");
    }
    String cutService = v.getOrDefault("cut-service", "ordering");
    if (!ServiceProcesses.MAINS.containsKey(cutService)) {
      throw new IllegalArgumentException("--cut-service names no service: " + cutService);
    }
    return new ChaosOptions(broker, duration(v, "duration", "60s"), duration(v, "kill-every", "8s"),
        duration(v, "cut-for", "5s"), cutService, Double.parseDouble(v.getOrDefault("rate", "4")),
        Integer.parseInt(v.getOrDefault("concurrency", "16")), duration(v, "approval-timeout", "30s"),
        duration(v, "quiet-timeout", "180s"), Path.of(v.getOrDefault("output", "target/chaos")),
        Long.parseLong(v.getOrDefault("seed", Long.toString(System.nanoTime() % 100_000))), keep);
  }

  public ChaosOptions withOutput(Path path) {
    return new ChaosOptions(broker, duration, killEvery, cutFor, cutService, rate, concurrency, approvalTimeout,
        quietTimeout, path, seed, keep);
  }

  /** 500ms, 8s, 2m. */
  static Duration parseDuration(String text) {
    String t = text.trim();
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
    }
    if (t.endsWith("m")) {
      return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
    }
    throw new IllegalArgumentException("a duration looks like 500ms, 8s or 2m, not '" + text + "'");
  }

  private static Duration duration(Map<String, String> v, String flag, String fallback) {
    return parseDuration(v.getOrDefault(flag, fallback));
  }
}

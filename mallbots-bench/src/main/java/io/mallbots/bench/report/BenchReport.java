package io.mallbots.bench.report;

import io.mallbots.bench.BenchOptions;
import io.mallbots.bench.probe.ProbeResult;
import io.mallbots.bench.shop.Measurements;
import io.mallbots.bench.stack.Deployment;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's result as one JSON document ({@code report-<broker>.json}); the Markdown tables
 * and the HTML page (the same tables, and the charts) are rendered from it. Throughput is approved
 * orders of the measured phase divided by the time from its start until its last order ended.
 */
public final class BenchReport {

  private BenchReport() {}

  /**
   * Everything a run produced; {@code loggedIn}: the system required access tokens and every
   * shopper logged in.
   */
  public record Run(
      BenchOptions options,
      String system,
      Deployment deployment,
      boolean loggedIn,
      String command,
      Measurements warmup,
      Measurements measured,
      SystemResources.Usage usage,
      List<ProbeResult> probes,
      List<SweepPoint> sweep) {

    /** A run without a sweep. */
    public Run(
        BenchOptions options,
        String system,
        Deployment deployment,
        boolean loggedIn,
        String command,
        Measurements warmup,
        Measurements measured,
        SystemResources.Usage usage,
        List<ProbeResult> probes) {
      this(
          options,
          system,
          deployment,
          loggedIn,
          command,
          warmup,
          measured,
          usage,
          probes,
          List.of());
    }
  }

  public static JsonObject build(Run run) {
    BenchOptions options = run.options();
    Measurements m = run.measured();
    double seconds = Math.max(1e-9, (m.lastDoneNanos() - m.startNanos()) / 1e9);
    double ordersPerSecond = m.completed() / seconds;
    JsonObject report =
        new JsonObject()
            .put("broker", options.broker())
            .put("finishedAt", Instant.now().toString())
            .put("system", run.system())
            .put("target", run.deployment().target())
            .put("instances", run.deployment().instances())
            .put("serviceJvms", run.deployment().serviceJvms())
            .put("serviceJvmOptions", String.join(" ", run.deployment().jvmOptions()))
            .put("deployment", run.deployment().text())
            .put("command", run.command())
            .put(
                "machine",
                new JsonObject()
                    .put("cores", Runtime.getRuntime().availableProcessors())
                    .put(
                        "os",
                        System.getProperty("os.name") + " " + System.getProperty("os.version"))
                    .put(
                        "java",
                        System.getProperty("java.vm.name")
                            + " "
                            + System.getProperty("java.version"))
                    .put("maxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576));
    report.put(
        "load",
        new JsonObject()
            .put("mode", options.openLoop() ? "open-loop" : "closed-loop")
            .put("concurrency", options.concurrency())
            .put("targetRate", options.rate())
            .put("pastOrders", options.history())
            .put(
                "warmupSeconds",
                round((run.warmup().lastDoneNanos() - run.warmup().startNanos()) / 1e9))
            .put("measuredSeconds", round(seconds))
            .put("ordersStarted", m.started())
            .put("ordersCompleted", m.completed())
            .put("ordersFailed", m.failed())
            .put("ordersPerSecond", round(ordersPerSecond))
            .put("cpuMsPerOrder", CpuPerOrder.of(run.usage(), m.completed()))
            .put(
                "doneBy",
                options.doneBy().equals("search")
                    ? "search.GetOrder says APPROVED"
                    : "ordering.GetOrder says APPROVED (fallback)")
            .put("shoppersLoggedIn", run.loggedIn()));
    report.put(
        "latencyMs",
        new JsonObject()
            .put("checkoutToApproved", LatencySummary.of(m.checkoutToApproved()))
            .put("arrivalToApproved", LatencySummary.of(m.arrivalToApproved()))
            .put("checkoutToApprovedSpectrum", LatencySummary.spectrum(m.checkoutToApproved())));
    report.put("errors", new JsonObject(Map.copyOf(m.errors())));
    report.put("warmupErrors", new JsonObject(Map.copyOf(run.warmup().errors())));
    report.put("resources", resources(run.usage()));
    report.put("timeline", timeline(m.timeline()));
    JsonObject sweep = SweepReport.json(run.sweep(), options.sweepStepDuration());
    if (sweep != null) {
      report.put("sweep", sweep);
    }
    JsonObject probes = new JsonObject();
    for (ProbeResult probe : run.probes()) {
      probes.put(
          key(probe.name()),
          new JsonObject()
              .put("name", probe.name())
              .put("rate", round(probe.rate()))
              .put("unit", probe.unit())
              .put("method", probe.method())
              .put("details", new JsonObject(probe.details()))
              .put("errors", new JsonObject(Map.copyOf(probe.errors()))));
    }
    report.put("probes", probes);
    report.put("scores", scores(ordersPerSecond, run.probes()));
    return report;
  }

  /** Writes {@code report-<broker>.json}, {@code .md} and {@code .html}; returns the Markdown. */
  public static String write(JsonObject report, Path directory) throws IOException {
    Files.createDirectories(directory);
    String broker = report.getString("broker");
    String markdown = MarkdownReport.render(report);
    Files.writeString(directory.resolve("report-" + broker + ".json"), report.encodePrettily());
    Files.writeString(directory.resolve("report-" + broker + ".md"), markdown);
    Files.writeString(directory.resolve("report-" + broker + ".html"), HtmlChart.render(report));
    return markdown;
  }

  private static JsonObject scores(double ordersPerSecond, List<ProbeResult> probes) {
    JsonObject scores = new JsonObject();
    ProbeResult database = find(probes, "database ceiling");
    ProbeResult broker = find(probes, "broker ceiling");
    ProbeResult yardstick = find(probes, "yardstick");
    if (database != null && broker != null) {
      ProbeResult lower = database.rate() <= broker.rate() ? database : broker;
      scores
          .put("lowerCeiling", lower.name())
          .put("lowerCeilingOrdersPerSecond", round(lower.rate()))
          .put(
              "percentOfLowerCeiling",
              lower.rate() > 0 ? round(100 * ordersPerSecond / lower.rate()) : null);
    }
    if (yardstick != null && yardstick.rate() > 0) {
      scores
          .put("yardstickTxPerSecond", round(yardstick.rate()))
          .put("ordersPerThousandYardstickTx", round(1000 * ordersPerSecond / yardstick.rate()));
      if (database != null) {
        scores.put(
            "databaseCeilingPerThousandYardstickTx",
            round(1000 * database.rate() / yardstick.rate()));
      }
    }
    return scores;
  }

  private static ProbeResult find(List<ProbeResult> probes, String name) {
    return probes.stream()
        .filter(p -> p.name().equals(name) && p.rate() > 0)
        .findFirst()
        .orElse(null);
  }

  private static JsonObject resources(SystemResources.Usage usage) {
    JsonArray processes = new JsonArray();
    usage
        .processes()
        .forEach(
            p ->
                processes.add(
                    new JsonObject()
                        .put("group", p.group())
                        .put("what", p.what())
                        .put("pids", new JsonArray(List.copyOf(p.pids())))
                        .put("cpuSeconds", p.cpuSeconds() == null ? null : round(p.cpuSeconds()))
                        .put("cpuPercent", p.cpuPercent() == null ? null : round(p.cpuPercent()))
                        .put("rssBytes", p.rssBytes())
                        .put("peakRssBytes", p.peakRssBytes())));
    JsonObject resources =
        new JsonObject()
            .put("seconds", round(usage.seconds()))
            .put("cores", usage.cores())
            .put("processes", processes)
            .put(
                "note",
                "CPU: utime+stime from /proc/<pid>/stat over the measured phase, per group: the services, "
                    + "PostgreSQL (postmaster, backends, ended backends included: all clients' work), the broker "
                    + "and the bench's driver; 100 % = one core; null = could not be read (n/a).");
    if (usage.heap() != null) {
      resources.put(
          "heap",
          new JsonObject()
              .put("peakUsedBytes", usage.heap().peakUsedBytes())
              .put("maxBytes", usage.heap().maxBytes()));
    }
    return resources;
  }

  private static JsonArray timeline(List<Histogram> seconds) {
    JsonArray timeline = new JsonArray();
    for (int i = 0; i < seconds.size(); i++) {
      Histogram h = seconds.get(i);
      JsonObject second = new JsonObject().put("second", i).put("orders", h.getTotalCount());
      if (h.getTotalCount() > 0) {
        second
            .put("p50Ms", LatencySummary.ms(h.getValueAtPercentile(50)))
            .put("p99Ms", LatencySummary.ms(h.getValueAtPercentile(99)))
            .put("maxMs", LatencySummary.ms(h.getMaxValue()));
      }
      timeline.add(second);
    }
    return timeline;
  }

  private static String key(String name) {
    return switch (name) {
      case "database ceiling" -> "database";
      case "broker ceiling" -> "broker";
      default -> name;
    };
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}

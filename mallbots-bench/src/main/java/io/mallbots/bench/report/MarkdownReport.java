package io.mallbots.bench.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as Markdown tables, for the terminal and for docs/benchmarks.md; {@link HtmlChart}
 * shows the same tables ({@link #tables}).
 */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(JsonObject report) {
    StringBuilder md = new StringBuilder();
    md.append("## MallBots benchmark: ").append(report.getString("broker")).append("\n\n");
    md.append("System: ").append(report.getString("system")).append("  \n");
    md.append("Service JVMs: ").append(report.getString("deployment", "n/a")).append("  \n");
    md.append("Machine: ").append(report.getJsonObject("machine").encode()).append("  \n");
    md.append("Command: `").append(report.getString("command")).append("`\n\n");
    List<ReportTable> tables = tables(report);
    for (int i = 0; i < tables.size(); i++) {
      md.append(tables.get(i).markdown());
      if (i < tables.size() - 1) {
        md.append('\n');
      }
    }
    return md.toString();
  }

  /**
   * The report's tables in order: load, the sweep (when run), limit probes and scores (when
   * probed), errors, system under test.
   */
  static List<ReportTable> tables(JsonObject report) {
    List<ReportTable> tables = new ArrayList<>();
    JsonObject load = report.getJsonObject("load");
    JsonObject latency = report.getJsonObject("latencyMs");
    tables.add(
        new ReportTable("load", "value")
            .row(
                "mode",
                load.getString("mode")
                    + (load.getDouble("targetRate", 0.0) > 0
                        ? " at " + fmt(load.getDouble("targetRate")) + " orders/s"
                        : "")
                    + ", concurrency "
                    + load.getInteger("concurrency"))
            .row(
                "warm-up / measured",
                fmt(load.getDouble("warmupSeconds"))
                    + " s / "
                    + fmt(load.getDouble("measuredSeconds"))
                    + " s")
            .row(
                "orders started / approved / failed",
                load.getLong("ordersStarted")
                    + " / "
                    + load.getLong("ordersCompleted")
                    + " / "
                    + load.getLong("ordersFailed"))
            .row("**completed orders/s**", "**" + fmt(load.getDouble("ordersPerSecond")) + "**")
            .row("**CPU per order (ms)**", CpuPerOrder.text(load.getJsonObject("cpuMsPerOrder")))
            .row("service JVMs", report.getString("deployment", "n/a"))
            .row("approved means", load.getString("doneBy"))
            .row("past orders stored (--history)", String.valueOf(load.getLong("pastOrders", 0L)))
            .row(
                "access tokens",
                load.getBoolean("shoppersLoggedIn", false)
                    ? "required: every shopper logged in and calls with their own token"
                    : "not required (dev mode)")
            .row("checkout → approved (ms)", latency(latency.getJsonObject("checkoutToApproved")))
            .row("arrival → approved (ms)", latency(latency.getJsonObject("arrivalToApproved"))));

    JsonObject sweep = report.getJsonObject("sweep");
    if (sweep != null) {
      tables.add(SweepReport.table(sweep));
    }

    JsonObject probes = report.getJsonObject("probes");
    if (probes != null && !probes.isEmpty()) {
      ReportTable limits = new ReportTable("limit probe", "rate", "how");
      for (String name : probes.fieldNames()) {
        JsonObject probe = probes.getJsonObject(name);
        String errors =
            probe.getJsonObject("errors").isEmpty()
                ? ""
                : " (errors: " + probe.getJsonObject("errors").encode() + ")";
        limits.row(
            probe.getString("name"),
            fmt(probe.getDouble("rate")) + " " + probe.getString("unit") + errors,
            probe.getString("method")
                + "; "
                + probe.getJsonObject("details").encode().replace("|", "/"));
      }
      tables.add(limits);
      JsonObject scores = report.getJsonObject("scores");
      tables.add(
          new ReportTable("score", "value", "target")
              .row(
                  "end-to-end / lower ceiling (" + scores.getString("lowerCeiling") + ")",
                  fmt(scores.getDouble("percentOfLowerCeiling")) + " %",
                  "≥ 50 %")
              .row(
                  "orders/s per 1,000 yardstick tx/s",
                  fmt(scores.getDouble("ordersPerThousandYardstickTx")),
                  "≥ 20")
              .row(
                  "database ceiling per 1,000 yardstick tx/s",
                  fmt(scores.getDouble("databaseCeilingPerThousandYardstickTx")),
                  "≥ 40"));
    }

    ReportTable errors = new ReportTable("errors", "count");
    Map<String, Object> byKind = report.getJsonObject("errors").getMap();
    if (byKind.isEmpty()) {
      errors.row("none", "0");
    }
    byKind.forEach((kind, count) -> errors.row(kind, String.valueOf(count)));
    tables.add(errors);

    JsonObject resources = report.getJsonObject("resources");
    JsonObject perOrder = load.getJsonObject("cpuMsPerOrder", new JsonObject());
    ReportTable system =
        new ReportTable(
            "system under test (measured phase)",
            "processes",
            "CPU",
            "CPU per order",
            "RSS now / peak");
    resources
        .getJsonArray("processes")
        .forEach(
            o -> {
              JsonObject p = (JsonObject) o;
              Double percent = p.getDouble("cpuPercent");
              system.row(
                  p.getString("group"),
                  p.getString("what"),
                  percent == null ? "n/a" : fmt(percent) + " % of one core",
                  perOrderMs(perOrder.getDouble(p.getString("group"))),
                  mib(p.getLong("rssBytes")) + " / " + mib(p.getLong("peakRssBytes")));
            });
    JsonObject heap = resources.getJsonObject("heap");
    if (heap != null) {
      system.row(
          "JVM heap",
          "services + driver",
          "peak used " + mib(heap.getLong("peakUsedBytes")),
          "-",
          "max " + mib(heap.getLong("maxBytes")));
    }
    tables.add(system);
    return tables;
  }

  private static String perOrderMs(Double ms) {
    return ms == null ? "n/a" : fmt(ms) + " ms";
  }

  private static String latency(JsonObject l) {
    if (l == null || l.getLong("count", 0L) == 0) {
      return "no orders";
    }
    return "p50 "
        + fmt(l.getDouble("p50Ms"))
        + " · p95 "
        + fmt(l.getDouble("p95Ms"))
        + " · p99 "
        + fmt(l.getDouble("p99Ms"))
        + " · max "
        + fmt(l.getDouble("maxMs"));
  }

  static String fmt(Double value) {
    if (value == null) {
      return "-";
    }
    return value >= 100
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String mib(Long bytes) {
    return bytes == null ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}

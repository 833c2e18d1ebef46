package io.mallbots.bench.report;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/** The report as Markdown tables, for the terminal and for docs/benchmarks.md. */
public final class MarkdownReport {

  private MarkdownReport() {
  }

  public static String render(JsonObject report) {
    StringBuilder md = new StringBuilder();
    JsonObject load = report.getJsonObject("load");
    JsonObject latency = report.getJsonObject("latencyMs");
    md.append("## MallBots benchmark: ").append(report.getString("broker")).append("\n\n");
    md.append("System: ").append(report.getString("system")).append("  \n");
    md.append("Machine: ").append(report.getJsonObject("machine").encode()).append("  \n");
    md.append("Command: `").append(report.getString("command")).append("`\n\n");

    md.append("| load | value |\n|---|---|\n");
    row(md, "mode", load.getString("mode") + (load.getDouble("targetRate", 0.0) > 0
        ? " at " + fmt(load.getDouble("targetRate")) + " orders/s" : "") + ", concurrency " + load.getInteger("concurrency"));
    row(md, "warm-up / measured", fmt(load.getDouble("warmupSeconds")) + " s / " + fmt(load.getDouble("measuredSeconds")) + " s");
    row(md, "orders started / approved / failed", load.getLong("ordersStarted") + " / " + load.getLong("ordersCompleted")
        + " / " + load.getLong("ordersFailed"));
    row(md, "**completed orders/s**", "**" + fmt(load.getDouble("ordersPerSecond")) + "**");
    row(md, "approved means", load.getString("doneBy"));
    row(md, "access tokens", load.getBoolean("shoppersLoggedIn", false)
        ? "required: every shopper logged in and calls with their own token" : "not required (dev mode)");
    latencyRow(md, "checkout → approved (ms)", latency.getJsonObject("checkoutToApproved"));
    latencyRow(md, "arrival → approved (ms)", latency.getJsonObject("arrivalToApproved"));
    md.append('\n');

    JsonObject probes = report.getJsonObject("probes");
    if (probes != null && !probes.isEmpty()) {
      md.append("| limit probe | rate | how |\n|---|---|---|\n");
      for (String name : probes.fieldNames()) {
        JsonObject probe = probes.getJsonObject(name);
        String errors = probe.getJsonObject("errors").isEmpty() ? "" : " (errors: " + probe.getJsonObject("errors").encode() + ")";
        md.append("| ").append(probe.getString("name")).append(" | ").append(fmt(probe.getDouble("rate"))).append(' ')
            .append(probe.getString("unit")).append(errors).append(" | ").append(probe.getString("method"))
            .append("; ").append(probe.getJsonObject("details").encode().replace("|", "/")).append(" |\n");
      }
      md.append('\n');
      JsonObject scores = report.getJsonObject("scores");
      md.append("| score | value | target |\n|---|---|---|\n");
      md.append("| end-to-end / lower ceiling (").append(scores.getString("lowerCeiling")).append(") | ")
          .append(fmt(scores.getDouble("percentOfLowerCeiling"))).append(" % | ≥ 50 % |\n");
      md.append("| orders/s per 1,000 yardstick tx/s | ").append(fmt(scores.getDouble("ordersPerThousandYardstickTx")))
          .append(" | ≥ 40 |\n\n");
    }

    md.append("| errors | count |\n|---|---|\n");
    Map<String, Object> errors = report.getJsonObject("errors").getMap();
    if (errors.isEmpty()) {
      md.append("| none | 0 |\n");
    }
    errors.forEach((kind, count) -> md.append("| ").append(kind).append(" | ").append(count).append(" |\n"));
    md.append('\n');

    JsonObject resources = report.getJsonObject("resources");
    md.append("| system under test (measured phase) | CPU | RSS now / peak |\n|---|---|---|\n");
    resources.getJsonArray("processes").forEach(o -> {
      JsonObject p = (JsonObject) o;
      md.append("| ").append(p.getString("role")).append(" (pid ").append(p.getLong("pid")).append(") | ")
          .append(fmt(p.getDouble("cpuPercent"))).append(" % of one core | ")
          .append(mib(p.getLong("rssBytes"))).append(" / ").append(mib(p.getLong("peakRssBytes"))).append(" |\n");
    });
    JsonObject heap = resources.getJsonObject("heap");
    if (heap != null) {
      md.append("| JVM heap (services + driver) | peak used ").append(mib(heap.getLong("peakUsedBytes")))
          .append(" | max ")
          .append(mib(heap.getLong("maxBytes"))).append(" |\n");
    }
    return md.toString();
  }

  private static void latencyRow(StringBuilder md, String name, JsonObject l) {
    if (l == null || l.getLong("count", 0L) == 0) {
      row(md, name, "no orders");
      return;
    }
    row(md, name, "p50 " + fmt(l.getDouble("p50Ms")) + " · p95 " + fmt(l.getDouble("p95Ms")) + " · p99 "
        + fmt(l.getDouble("p99Ms")) + " · max " + fmt(l.getDouble("maxMs")));
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  static String fmt(Double value) {
    if (value == null) {
      return "-";
    }
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String mib(Long bytes) {
    return bytes == null ? "-" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }
}

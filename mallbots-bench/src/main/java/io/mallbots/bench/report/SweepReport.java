package io.mallbots.bench.report;

import io.mallbots.bench.shop.Measurements;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The curve of {@code --sweep}: per concurrency, completed orders/s, checkout-to-approved p50 and
 * p99, and CPU per order; as JSON ({@code sweep} of the report) and as a table.
 */
final class SweepReport {

  private SweepReport() {}

  /** {@code {stepSeconds, points: [...]}}, or null without a sweep. */
  static JsonObject json(List<SweepPoint> points, Duration step) {
    if (points.isEmpty()) {
      return null;
    }
    JsonArray array = new JsonArray();
    for (SweepPoint point : points) {
      Measurements m = point.measured();
      double seconds = Math.max(1e-9, (m.lastDoneNanos() - m.startNanos()) / 1e9);
      Histogram latency = m.checkoutToApproved();
      JsonObject json =
          new JsonObject()
              .put("concurrency", point.concurrency())
              .put("seconds", round(seconds))
              .put("ordersStarted", m.started())
              .put("ordersCompleted", m.completed())
              .put("ordersFailed", m.failed())
              .put("ordersPerSecond", round(m.completed() / seconds));
      if (latency.getTotalCount() > 0) {
        json.put("p50Ms", LatencySummary.ms(latency.getValueAtPercentile(50)))
            .put("p99Ms", LatencySummary.ms(latency.getValueAtPercentile(99)));
      }
      array.add(
          json.put("errors", new JsonObject(Map.copyOf(m.errors())))
              .put("cpuMsPerOrder", CpuPerOrder.of(point.usage(), m.completed())));
    }
    return new JsonObject()
        .put("mode", "closed-loop")
        .put("stepSeconds", round(step.toMillis() / 1000.0))
        .put("points", array);
  }

  /** One row per step. */
  static ReportTable table(JsonObject sweep) {
    ReportTable table =
        new ReportTable(
            "sweep: shoppers in flight",
            "completed orders/s",
            "checkout → approved p50 / p99 (ms)",
            "orders approved / failed",
            "CPU per order (ms, system under test)");
    for (Object o : sweep.getJsonArray("points")) {
      JsonObject p = (JsonObject) o;
      table.row(
          String.valueOf(p.getInteger("concurrency")),
          MarkdownReport.fmt(p.getDouble("ordersPerSecond")),
          MarkdownReport.fmt(p.getDouble("p50Ms"))
              + " / "
              + MarkdownReport.fmt(p.getDouble("p99Ms")),
          p.getLong("ordersCompleted") + " / " + p.getLong("ordersFailed"),
          CpuPerOrder.ms(p.getJsonObject("cpuMsPerOrder").getDouble("total")));
    }
    return table;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}

package io.mallbots.bench.report;

import static io.mallbots.bench.report.Svg.BOTTOM;
import static io.mallbots.bench.report.Svg.H;
import static io.mallbots.bench.report.Svg.LEFT;
import static io.mallbots.bench.report.Svg.RIGHT;
import static io.mallbots.bench.report.Svg.TOP;
import static io.mallbots.bench.report.Svg.W;
import static io.mallbots.bench.report.Svg.frame;
import static io.mallbots.bench.report.Svg.legend;
import static io.mallbots.bench.report.Svg.line;
import static io.mallbots.bench.report.Svg.x;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/**
 * The sweep as one chart: a step per concurrency (shoppers in flight) on the x axis, completed
 * orders/s as bars with their numbers, checkout-to-approved p50 and p99 as lines on the ms axis, so
 * the knee shows where throughput stops rising while latency climbs.
 */
final class SweepChart {

  private static final String P50_COLOR = "#1f77b4";
  private static final String P99_COLOR = "#ff7f0e";
  private static final String BAR_COLOR = "#9dbfe0";

  private SweepChart() {}

  static String render(JsonObject sweep) {
    JsonArray points = sweep.getJsonArray("points");
    if (points == null || points.isEmpty()) {
      return "<p>The sweep ran no steps.</p>";
    }
    double maxMs = 1;
    double maxRate = 1;
    for (Object o : points) {
      JsonObject p = (JsonObject) o;
      maxMs = Math.max(maxMs, p.getDouble("p99Ms", 0.0));
      maxRate = Math.max(maxRate, p.getDouble("ordersPerSecond", 0.0));
    }
    maxMs *= 1.1;
    maxRate *= 1.15; // room for the numbers above the bars
    int n = points.size();
    StringBuilder svg =
        frame(
            "shoppers in flight (closed loop)",
            "checkout → approved, ms",
            maxMs,
            n,
            i -> String.valueOf(points.getJsonObject(i).getInteger("concurrency")));
    double barWidth = Math.min(60, Math.max(2, (W - LEFT - RIGHT) / (double) n - 8));
    for (int i = 0; i < n; i++) {
      double rate = points.getJsonObject(i).getDouble("ordersPerSecond", 0.0);
      double h = (H - TOP - BOTTOM) * rate / maxRate;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>"
                  + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
              x(i, n) - barWidth / 2,
              H - BOTTOM - h,
              barWidth,
              h,
              BAR_COLOR,
              x(i, n),
              H - BOTTOM - h - 4,
              MarkdownReport.fmt(rate)));
    }
    svg.append(line(points, "p99Ms", maxMs, P99_COLOR))
        .append(line(points, "p50Ms", maxMs, P50_COLOR));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">bars: orders/s (top %s)</text>",
            W - 4,
            TOP + 10,
            MarkdownReport.fmt(maxRate / 1.15)));
    svg.append(
        legend(List.of("p50:" + P50_COLOR, "p99:" + P99_COLOR, "completed orders/s:" + BAR_COLOR)));
    return svg.append("</svg>").toString();
  }
}

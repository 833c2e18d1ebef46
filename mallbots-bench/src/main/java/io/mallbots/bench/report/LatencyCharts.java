package io.mallbots.bench.report;

import static io.mallbots.bench.report.Svg.BOTTOM;
import static io.mallbots.bench.report.Svg.H;
import static io.mallbots.bench.report.Svg.LEFT;
import static io.mallbots.bench.report.Svg.RIGHT;
import static io.mallbots.bench.report.Svg.TOP;
import static io.mallbots.bench.report.Svg.W;
import static io.mallbots.bench.report.Svg.axes;
import static io.mallbots.bench.report.Svg.frame;
import static io.mallbots.bench.report.Svg.legend;
import static io.mallbots.bench.report.Svg.line;
import static io.mallbots.bench.report.Svg.open;
import static io.mallbots.bench.report.Svg.x;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The latency charts of the HTML page: checkout-to-approved second by second, and its distribution.
 */
final class LatencyCharts {

  private LatencyCharts() {}

  /** Per second: p50, p99 and max as lines, the orders approved as bars behind them. */
  static String timeline(JsonArray seconds) {
    if (seconds == null || seconds.isEmpty()) {
      return "<p>No orders were approved in the measured phase.</p>";
    }
    double maxMs = 1;
    double maxOrders = 1;
    for (Object o : seconds) {
      JsonObject s = (JsonObject) o;
      maxMs = Math.max(maxMs, s.getDouble("maxMs", 0.0));
      maxOrders = Math.max(maxOrders, s.getLong("orders", 0L));
    }
    int n = seconds.size();
    StringBuilder svg = frame("second of the measured phase", "ms", maxMs, n);
    double barWidth = Math.max(1, (W - LEFT - RIGHT) / (double) n - 1);
    for (int i = 0; i < n; i++) {
      JsonObject s = seconds.getJsonObject(i);
      double h = (H - TOP - BOTTOM) * s.getLong("orders", 0L) / maxOrders;
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#dbe8f5\"/>",
              x(i, n) - barWidth / 2,
              H - BOTTOM - h,
              barWidth,
              h)); // centred on its second's tick
    }
    svg.append(line(seconds, "maxMs", maxMs, "#d62728"))
        .append(line(seconds, "p99Ms", maxMs, "#ff7f0e"))
        .append(line(seconds, "p50Ms", maxMs, "#1f77b4"));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f orders/s</text>",
            W - 4,
            TOP + 10,
            maxOrders));
    svg.append(
        legend(List.of("p50:#1f77b4", "p99:#ff7f0e", "max:#d62728", "orders approved:#9dbfe0")));
    return svg.append("</svg>").toString();
  }

  /** Latency against percentile, on a log scale of 1/(1-p) up to the 99.99th. */
  static String spectrum(JsonArray points) {
    if (points == null || points.isEmpty()) {
      return "<p>No latencies recorded.</p>";
    }
    double maxMs = 1;
    for (Object o : points) {
      maxMs = Math.max(maxMs, ((JsonObject) o).getDouble("ms"));
    }
    double maxX = 4; // 1/(1-p) up to 10,000: the 99.99th percentile
    StringBuilder svg = open(W, H);
    axes(svg, "percentile", "ms", maxMs);
    String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%"};
    for (int i = 0; i < labels.length; i++) {
      double px = LEFT + (W - LEFT - RIGHT) * i / maxX;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              px,
              TOP,
              px,
              H - BOTTOM,
              px,
              H - BOTTOM + 15,
              labels[i]));
    }
    List<String> xy = new ArrayList<>();
    for (Object o : points) {
      JsonObject p = (JsonObject) o;
      double percentile = p.getDouble("percentile");
      double logX =
          percentile >= 100 ? maxX : Math.min(maxX, Math.log10(1 / (1 - percentile / 100)));
      xy.add(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f",
              LEFT + (W - LEFT - RIGHT) * logX / maxX,
              H - BOTTOM - (H - TOP - BOTTOM) * p.getDouble("ms") / maxMs));
    }
    svg.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"")
        .append(String.join(" ", xy))
        .append("\"/>");
    return svg.append("</svg>").toString();
  }
}

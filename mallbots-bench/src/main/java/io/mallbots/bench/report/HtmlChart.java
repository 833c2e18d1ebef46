package io.mallbots.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page (inline SVG, no script, nothing fetched) with two charts: checkout-to-approved
 * latency second by second (p50, p99, max) with the orders approved each second, and the latency
 * distribution (percentile spectrum, log scale of 1/(1-p)).
 */
public final class HtmlChart {

  private static final int W = 760;
  private static final int H = 300;
  private static final int LEFT = 60;
  private static final int BOTTOM = 40;
  private static final int TOP = 20;
  private static final int RIGHT = 60;

  private HtmlChart() {
  }

  public static String render(JsonObject report, String markdown) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>MallBots benchmark: ")
        .append(escape(report.getString("broker"))).append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}svg{background:#fafafa;border:1px solid #ddd}")
        .append(".axis{stroke:#888}.grid{stroke:#e4e4e4}text{font-size:11px;fill:#444}pre{background:#f4f4f4;padding:12px;overflow:auto}")
        .append("</style></head><body>");
    html.append("<h1>MallBots benchmark: ").append(escape(report.getString("broker"))).append("</h1>");
    html.append("<h2>Checkout → approved, second by second</h2>").append(timeline(report.getJsonArray("timeline")));
    html.append("<h2>Latency distribution</h2>")
        .append(spectrum(report.getJsonObject("latencyMs").getJsonArray("checkoutToApprovedSpectrum")));
    html.append("<h2>Report</h2><pre>").append(escape(markdown)).append("</pre></body></html>\n");
    return html.toString();
  }

  private static String timeline(JsonArray seconds) {
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
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#dbe8f5\"/>",
          x(i, n), H - BOTTOM - h, barWidth, h));
    }
    svg.append(line(seconds, "maxMs", maxMs, "#d62728")).append(line(seconds, "p99Ms", maxMs, "#ff7f0e"))
        .append(line(seconds, "p50Ms", maxMs, "#1f77b4"));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f orders/s</text>",
        W - 4, TOP + 10, maxOrders));
    svg.append(legend(List.of("p50:#1f77b4", "p99:#ff7f0e", "max:#d62728", "orders approved:#9dbfe0")));
    return svg.append("</svg>").toString();
  }

  private static String spectrum(JsonArray points) {
    if (points == null || points.isEmpty()) {
      return "<p>No latencies recorded.</p>";
    }
    double maxMs = 1;
    for (Object o : points) {
      maxMs = Math.max(maxMs, ((JsonObject) o).getDouble("ms"));
    }
    double maxX = 4; // 1/(1-p) up to 10,000: the 99.99th percentile
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
        "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">", W, H));
    axes(svg, "percentile", "ms", maxMs);
    String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%"};
    for (int i = 0; i < labels.length; i++) {
      double px = LEFT + (W - LEFT - RIGHT) * i / maxX;
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
          + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", px, TOP, px, H - BOTTOM, px, H - BOTTOM + 15, labels[i]));
    }
    List<String> xy = new ArrayList<>();
    for (Object o : points) {
      JsonObject p = (JsonObject) o;
      double percentile = p.getDouble("percentile");
      double logX = percentile >= 100 ? maxX : Math.min(maxX, Math.log10(1 / (1 - percentile / 100)));
      xy.add(String.format(Locale.ROOT, "%.1f,%.1f", LEFT + (W - LEFT - RIGHT) * logX / maxX,
          H - BOTTOM - (H - TOP - BOTTOM) * p.getDouble("ms") / maxMs));
    }
    svg.append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"").append(String.join(" ", xy))
        .append("\"/>");
    return svg.append("</svg>").toString();
  }

  private static StringBuilder frame(String xLabel, String yLabel, double maxY, int n) {
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
        "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">", W, H));
    axes(svg, xLabel, yLabel, maxY);
    int step = Math.max(1, n / 10);
    for (int i = 0; i < n; i += step) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>", x(i, n),
          H - BOTTOM + 15, i));
    }
    return svg;
  }

  private static void axes(StringBuilder svg, String xLabel, String yLabel, double maxY) {
    for (int i = 0; i <= 4; i++) {
      double y = H - BOTTOM - (H - TOP - BOTTOM) * i / 4.0;
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>", LEFT, y, W - RIGHT, y, LEFT - 4, y + 4, maxY * i / 4));
    }
    svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
            + "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM,
        LEFT, TOP, LEFT, H - BOTTOM));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
        + "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
        (LEFT + W - RIGHT) / 2, H - 6, escape(xLabel), (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2, escape(yLabel)));
  }

  private static String line(JsonArray seconds, String field, double maxY, String color) {
    List<String> xy = new ArrayList<>();
    int n = seconds.size();
    for (int i = 0; i < n; i++) {
      Double ms = seconds.getJsonObject(i).getDouble(field);
      if (ms != null) {
        xy.add(String.format(Locale.ROOT, "%.1f,%.1f", x(i, n), H - BOTTOM - (H - TOP - BOTTOM) * ms / maxY));
      }
    }
    return "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.5\" points=\"" + String.join(" ", xy) + "\"/>";
  }

  private static String legend(List<String> entries) {
    StringBuilder svg = new StringBuilder();
    int x = LEFT + 10;
    for (String entry : entries) {
      String[] parts = entry.split(":");
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\">%s</text>", x, TOP, parts[1], x + 14, TOP + 9, parts[0]));
      x += 30 + parts[0].length() * 7;
    }
    return svg.toString();
  }

  private static double x(int i, int n) {
    return LEFT + (W - LEFT - RIGHT) * (i + 0.5) / Math.max(1, n);
  }

  private static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package io.mallbots.bench.report;

import static io.mallbots.bench.report.Svg.BOTTOM;
import static io.mallbots.bench.report.Svg.RIGHT;
import static io.mallbots.bench.report.Svg.TOP;
import static io.mallbots.bench.report.Svg.W;
import static io.mallbots.bench.report.Svg.escape;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The report as a self-contained HTML page (inline SVG and style, no script, nothing fetched): the
 * result next to the machine's ceilings, the sweep's curve ({@link SweepChart}),
 * checkout-to-approved latency second by second (p50, p99, max) with the orders approved each
 * second, the latency distribution (percentile spectrum, log scale of 1/(1-p)), and the report's
 * tables ({@link MarkdownReport#tables}, so the same numbers as the Markdown).
 */
public final class HtmlChart {

  private static final String RESULT_COLOR = "#1f77b4";
  private static final String DATABASE_COLOR = "#8c6d31";
  private static final String BROKER_COLOR = "#6b8e23";

  /** A cell that is a number and its unit ({@code 150 orders/s}, {@code 3.3 %}): right-aligned. */
  private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9.,]*( %| [a-zA-Z/%]+)?");

  private static final Pattern STRONG = Pattern.compile("\\*\\*(.+?)\\*\\*");

  private HtmlChart() {}

  public static String render(JsonObject report) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>MallBots benchmark: ")
        .append(escape(report.getString("broker")))
        .append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}")
        .append("svg{background:#fafafa;border:1px solid #ddd}")
        .append(".axis{stroke:#888}.grid{stroke:#e4e4e4}text{font-size:11px;fill:#444}")
        .append("table{border-collapse:collapse;margin:0 0 20px;font-size:13px}")
        .append("th,td{border:1px solid #ccc;padding:4px 10px;text-align:left;vertical-align:top}")
        .append("th{background:#eef2f6}tbody tr:nth-child(even){background:#fafafa}")
        .append("td.num{text-align:right;white-space:nowrap}table{max-width:100%}")
        .append(".meta{font-size:13px;line-height:1.6}")
        .append("code{background:#f4f4f4;padding:1px 4px}")
        .append("</style></head><body>");
    html.append("<h1>MallBots benchmark: ")
        .append(escape(report.getString("broker")))
        .append("</h1>");
    html.append("<p class=\"meta\">System: ")
        .append(escape(report.getString("system")))
        .append("<br>Machine: ")
        .append(escape(report.getJsonObject("machine").encode()))
        .append("<br>Command: <code>")
        .append(escape(report.getString("command")))
        .append("</code></p>");
    html.append("<h2>Completed orders/s against the machine's ceilings</h2>")
        .append(ceilings(report));
    JsonObject sweep = report.getJsonObject("sweep");
    if (sweep != null) {
      html.append("<h2>Throughput and latency against shoppers in flight (the sweep)</h2>")
          .append(SweepChart.render(sweep));
    }
    html.append("<h2>Checkout → approved, second by second</h2>")
        .append(LatencyCharts.timeline(report.getJsonArray("timeline")));
    html.append("<h2>Latency distribution</h2>")
        .append(
            LatencyCharts.spectrum(
                report.getJsonObject("latencyMs").getJsonArray("checkoutToApprovedSpectrum")));
    html.append("<h2>Report</h2>");
    MarkdownReport.tables(report).forEach(table -> html.append(table(table)));
    return html.append("</body></html>\n").toString();
  }

  /** A table with a header row; a cell that holds only a number (and its unit) is right-aligned. */
  static String table(ReportTable table) {
    StringBuilder html = new StringBuilder("<table><thead><tr>");
    table.header().forEach(h -> html.append("<th>").append(cell(h)).append("</th>"));
    html.append("</tr></thead><tbody>");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      row.forEach(
          c ->
              html.append(NUMBER.matcher(c).matches() ? "<td class=\"num\">" : "<td>")
                  .append(cell(c))
                  .append("</td>"));
      html.append("</tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  private static String cell(String text) {
    // <wbr>: a long JSON of probe details may break after a comma instead of widening the page.
    return STRONG.matcher(escape(text)).replaceAll("<strong>$1</strong>").replace(",", ",<wbr>");
  }

  /**
   * Completed orders/s as a bar beside the database and broker ceilings (what the machine can do
   * for one order's writes, and for its messages), with the target: half the lower ceiling.
   */
  static String ceilings(JsonObject report) {
    double result = report.getJsonObject("load").getDouble("ordersPerSecond", 0.0);
    JsonObject probes = report.getJsonObject("probes", new JsonObject());
    List<String[]> bars = new ArrayList<>();
    bars.add(
        new String[] {"completed orders/s (end to end)", Double.toString(result), RESULT_COLOR});
    for (String[] probe :
        new String[][] {
          {"database", "database ceiling", DATABASE_COLOR},
          {"broker", "broker ceiling", BROKER_COLOR}
        }) {
      JsonObject p = probes.getJsonObject(probe[0]);
      if (p != null) {
        bars.add(
            new String[] {
              probe[1] + " (" + p.getString("unit", "orders/s") + ")",
              Double.toString(p.getDouble("rate", 0.0)),
              probe[2]
            });
      }
    }
    double largest = 1;
    double lowest = Double.MAX_VALUE;
    for (int i = 0; i < bars.size(); i++) {
      double value = Double.parseDouble(bars.get(i)[1]);
      largest = Math.max(largest, value);
      if (i > 0 && value > 0) {
        lowest = Math.min(lowest, value);
      }
    }
    // A ceiling far above the rest would squash them into slivers: the axis then ends past the
    // result and the lower ceiling (what the score compares), and the higher bar is drawn cut, with
    // its number.
    double reference = Math.max(Math.max(result, 1), lowest == Double.MAX_VALUE ? 0 : lowest);
    double max = largest > 3 * reference ? reference * 1.6 : largest * 1.15;
    int labels = 210;
    int rowHeight = 34;
    int height = TOP + bars.size() * rowHeight + BOTTOM;
    double plot = W - labels - RIGHT;
    StringBuilder svg =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">",
                W,
                height));
    for (int i = 0; i <= 4; i++) {
      double x = labels + plot * i / 4;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              x,
              TOP,
              x,
              height - BOTTOM,
              x,
              height - BOTTOM + 15,
              MarkdownReport.fmt(max * i / 4)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">orders per second</text>",
            labels + plot / 2,
            height - 6));
    for (int i = 0; i < bars.size(); i++) {
      String[] bar = bars.get(i);
      double value = Double.parseDouble(bar[1]);
      double y = TOP + i * rowHeight + 6;
      boolean cut = value > max;
      double width = cut ? plot : plot * value / max;
      int barHeight = rowHeight - 12;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
                  + "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
              labels - 8,
              y + 15,
              escape(bar[0]),
              labels,
              y,
              width,
              barHeight,
              bar[2]));
      String number = i > 0 && value <= 0 ? "failed" : MarkdownReport.fmt(value);
      if (cut) {
        double at = labels + plot * 0.55;
        svg.append(
            String.format(
                Locale.ROOT,
                "<path d=\"M%.1f %.1f l8 %d M%.1f %.1f l8 %d\" stroke=\"#fafafa\" "
                    + "stroke-width=\"3\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" font-weight=\"bold\" "
                    + "style=\"fill:#fff\">%s (off scale)</text>",
                at,
                y + barHeight,
                -barHeight,
                at + 7,
                y + barHeight,
                -barHeight,
                labels + plot - 6,
                y + 15,
                number));
      } else {
        svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">%s</text>",
                labels + width + 6,
                y + 15,
                number));
      }
    }
    JsonObject scores = report.getJsonObject("scores", new JsonObject());
    Double lower = scores.getDouble("lowerCeilingOrdersPerSecond");
    if (lower != null && lower > 0) {
      double x = labels + plot * lower / 2 / max;
      boolean right = x < W - 330; // the label reads away from the line, and stays inside the chart
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" "
                  + "stroke-dasharray=\"5,4\" stroke-width=\"1.5\"/><text x=\"%.1f\" y=\"%d\" style=\"fill:#d62728\" "
                  + "text-anchor=\"%s\">target: half the lower ceiling (%s) · result %s %% of it</text>",
              x,
              TOP - 4,
              x,
              height - BOTTOM,
              right ? x + 4 : x - 4,
              TOP - 4,
              right ? "start" : "end",
              escape(scores.getString("lowerCeiling")),
              MarkdownReport.fmt(scores.getDouble("percentOfLowerCeiling"))));
    }
    svg.append("</svg>");
    if (bars.size() == 1) {
      svg.append(
          "<p>No limit probes in this run (<code>--probe-time 0</code>): no ceilings to compare with.</p>");
    }
    return svg.toString();
  }
}

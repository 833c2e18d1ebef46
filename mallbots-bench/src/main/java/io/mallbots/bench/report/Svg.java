package io.mallbots.bench.report;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The pieces the report's inline SVG charts share: the plot's size and margins, an open {@code
 * <svg>} element, axes with a grid, polylines, a legend, and text escaping.
 */
final class Svg {

  static final int W = 760;
  static final int H = 300;
  static final int LEFT = 60;
  static final int BOTTOM = 40;
  static final int TOP = 20;
  static final int RIGHT = 60;

  private Svg() {}

  /** An open {@code <svg>} element of {@code width} x {@code height}. */
  static StringBuilder open(int width, int height) {
    return new StringBuilder(
        String.format(
            Locale.ROOT,
            "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">",
            width,
            height));
  }

  /** Axes and grid, with the x axis ticked 0, 1, 2, ... (at most ten labels). */
  static StringBuilder frame(String xLabel, String yLabel, double maxY, int n) {
    return frame(xLabel, yLabel, maxY, n, Integer::toString);
  }

  /** Axes and grid for {@code n} points, the x axis ticked with {@code tick} of each. */
  static StringBuilder frame(
      String xLabel, String yLabel, double maxY, int n, IntFunction<String> tick) {
    StringBuilder svg = open(W, H);
    axes(svg, xLabel, yLabel, maxY);
    int step = Math.max(1, n / 10);
    for (int i = 0; i < n; i += step) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              x(i, n),
              H - BOTTOM + 15,
              escape(tick.apply(i))));
    }
    return svg;
  }

  static void axes(StringBuilder svg, String xLabel, String yLabel, double maxY) {
    for (int i = 0; i <= 4; i++) {
      double y = H - BOTTOM - (H - TOP - BOTTOM) * i / 4.0;
      svg.append(
          String.format(
              Locale.ROOT,
              "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>",
              LEFT,
              y,
              W - RIGHT,
              y,
              LEFT - 4,
              y + 4,
              maxY * i / 4));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                + "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
            LEFT,
            H - BOTTOM,
            W - RIGHT,
            H - BOTTOM,
            LEFT,
            TOP,
            LEFT,
            H - BOTTOM));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                + "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
            (LEFT + W - RIGHT) / 2,
            H - 6,
            escape(xLabel),
            (TOP + H - BOTTOM) / 2,
            (TOP + H - BOTTOM) / 2,
            escape(yLabel)));
  }

  /** A polyline through {@code field} of each point (skipping points without it). */
  static String line(JsonArray seconds, String field, double maxY, String color) {
    List<String> xy = new ArrayList<>();
    int n = seconds.size();
    for (int i = 0; i < n; i++) {
      Double ms = seconds.getJsonObject(i).getDouble(field);
      if (ms != null) {
        xy.add(
            String.format(
                Locale.ROOT, "%.1f,%.1f", x(i, n), H - BOTTOM - (H - TOP - BOTTOM) * ms / maxY));
      }
    }
    return "<polyline fill=\"none\" stroke=\""
        + color
        + "\" stroke-width=\"1.5\" points=\""
        + String.join(" ", xy)
        + "\"/>";
  }

  static String legend(List<String> entries) {
    StringBuilder svg = new StringBuilder();
    int x = LEFT + 10;
    for (String entry : entries) {
      String[] parts = entry.split(":");
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\">%s</text>",
              x,
              TOP,
              parts[1],
              x + 14,
              TOP + 9,
              parts[0]));
      x += 30 + parts[0].length() * 7;
    }
    return svg.toString();
  }

  static double x(int i, int n) {
    return LEFT + (W - LEFT - RIGHT) * (i + 0.5) / Math.max(1, n);
  }

  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}

package io.mallbots.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.mallbots.bench.BenchOptions;
import io.mallbots.bench.probe.ProbeResult;
import io.mallbots.bench.shop.Measurements;
import io.mallbots.bench.stack.Deployment;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTML page shows the report's tables as HTML tables with the Markdown's numbers, and the
 * result beside its ceilings. The page it renders is kept in {@code target/html-report/} for a look
 * in a browser.
 */
class HtmlReportTest {

  @Test
  void theTablesAreHtmlTablesWithAHeaderRowAndTheMarkdownsNumbers() throws Exception {
    JsonObject report =
        report(
            List.of(
                new ProbeResult(
                    "yardstick",
                    9_900,
                    "tx/s",
                    "BEGIN; INSERT; INSERT; COMMIT",
                    Map.of("concurrency", 56),
                    Map.of()),
                new ProbeResult(
                    "database ceiling",
                    150.4,
                    "orders/s",
                    "every write of one order",
                    Map.of("orders", 1504),
                    Map.of()),
                new ProbeResult(
                    "broker ceiling",
                    420.7,
                    "orders/s",
                    "each order's 9 messages",
                    Map.of("orders", 4207),
                    Map.of())));

    Path directory = Path.of("target", "html-report");
    String markdown = BenchReport.write(report, directory);
    String html = Files.readString(directory.resolve("report-kafka.html"));

    assertThat(html)
        .as("nothing fetched, no script")
        .doesNotContain("<script")
        .doesNotContain("<link")
        .doesNotContain("src=")
        .doesNotContain("href=")
        .doesNotContain("url(")
        .as("the tables are no longer Markdown in a <pre>")
        .doesNotContain("<pre>")
        .doesNotContain("|---|")
        .contains("<table><thead><tr><th>load</th><th>value</th></tr></thead>")
        .contains("<th>limit probe</th><th>rate</th><th>how</th>")
        .contains("<th>score</th><th>value</th><th>target</th>")
        .contains("<th>errors</th><th>count</th>")
        .contains("<th>system under test (measured phase)</th>")
        .contains("<td><strong>completed orders/s</strong></td>");
    assertThat(count(html, "<table>"))
        .as("one HTML table per Markdown table")
        .isEqualTo(markdown.lines().filter(line -> line.startsWith("|---")).count());
    // Every cell of every Markdown table is a cell of the HTML page, so the numbers are the same.
    for (String line :
        markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("|---")).toList()) {
      for (String cell : line.substring(2, line.length() - 2).split(" \\| ")) {
        String expected =
            cell.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>");
        assertThat(html.replace("<wbr>", ""))
            .as(cell)
            .containsPattern("<t[hd][^>]*>" + Pattern.quote(expected) + "</t[hd]>");
      }
    }
  }

  @Test
  void theChartShowsTheResultBesideTheDatabaseAndBrokerCeilingsLabelled() {
    JsonObject report =
        report(
            List.of(
                new ProbeResult(
                    "database ceiling",
                    150.4,
                    "orders/s",
                    "every write of one order",
                    Map.of(),
                    Map.of()),
                new ProbeResult(
                    "broker ceiling",
                    420.7,
                    "orders/s",
                    "each order's messages",
                    Map.of(),
                    Map.of())));

    String chart = HtmlChart.ceilings(report);

    double result = report.getJsonObject("load").getDouble("ordersPerSecond");
    assertThat(chart)
        .contains(
            "completed orders/s (end to end)",
            "database ceiling (orders/s)",
            "broker ceiling (orders/s)",
            ">" + MarkdownReport.fmt(result) + "<",
            ">150<",
            ">421<",
            "target: half the lower ceiling (database ceiling)");
    List<Double> widths = barWidths(chart);
    assertThat(widths).hasSize(3);
    assertThat(widths.get(1) / widths.get(0))
        .as("bars to scale: database ceiling / result")
        .isCloseTo(150.4 / result, withPercentage(2));
    assertThat(widths.get(2) / widths.get(1)).isCloseTo(420.7 / 150.4, withPercentage(2));
  }

  @Test
  void aCeilingFarAboveTheRestIsDrawnCutSoTheResultAndTheLowerCeilingStayReadable() {
    JsonObject report =
        report(
            List.of(
                new ProbeResult(
                    "database ceiling",
                    125,
                    "orders/s",
                    "every write of one order",
                    Map.of(),
                    Map.of()),
                new ProbeResult(
                    "broker ceiling",
                    12_330,
                    "orders/s",
                    "each order's messages",
                    Map.of(),
                    Map.of())));

    String chart = HtmlChart.ceilings(report);

    List<Double> widths = barWidths(chart);
    assertThat(widths.get(2)).as("the broker's bar spans the plot").isEqualTo(490.0);
    assertThat(chart).contains(">12330 (off scale)<", ">125<");
    assertThat(widths.get(1) / widths.get(0))
        .as("result and database ceiling to scale")
        .isCloseTo(
            125 / report.getJsonObject("load").getDouble("ordersPerSecond"), withPercentage(2));
    assertThat(widths.get(1)).as("the database ceiling is no sliver").isGreaterThan(200);
  }

  @Test
  void withoutProbesTheChartSaysThereIsNothingToCompareWith() {
    String chart = HtmlChart.ceilings(report(List.of()));

    assertThat(barWidths(chart)).hasSize(1);
    assertThat(chart).contains("No limit probes in this run").doesNotContain("ceiling (");
  }

  /**
   * A report of 60 orders over about 12 seconds, 5 per second, built the way the bench builds it.
   */
  private static JsonObject report(List<ProbeResult> probes) {
    BenchOptions options =
        BenchOptions.parse(new String[] {"--broker", "kafka", "--concurrency", "4"}, Map.of());
    long start = 1_000_000_000L;
    Measurements warmup = new Measurements(start - 5_000_000_000L);
    Measurements measured = new Measurements(start);
    for (int i = 0; i < 60; i++) {
      long checkout = start + i * 200_000_000L;
      measured.arrived();
      measured.approved(
          checkout - 5_000_000L, checkout, checkout + (20 + (i % 7) * 9) * 1_000_000L);
    }
    measured.arrived();
    measured.failed("DEADLINE_EXCEEDED <late>", start + 12_000_000_000L);
    SystemResources.Usage usage =
        new SystemResources.Usage(
            12,
            List.of(
                new SystemResources.ProcessUsage(
                    "services",
                    "services JVM (pid 4242), less the driver's threads",
                    List.of(4242L),
                    9.6,
                    80.0,
                    400L << 20,
                    450L << 20),
                new SystemResources.ProcessUsage(
                    "postgres",
                    "PostgreSQL postmaster (pid 77)",
                    List.of(77L),
                    6.0,
                    50.0,
                    90L << 20,
                    99L << 20),
                new SystemResources.ProcessUsage(
                    "broker",
                    "no readable kafka process at 10.0.0.9:9092",
                    List.of(),
                    null,
                    null,
                    null,
                    null),
                new SystemResources.ProcessUsage(
                    "driver",
                    "the load driver's event loop",
                    List.of(4242L),
                    1.2,
                    10.0,
                    null,
                    null)),
            new SystemResources.Heap(300L << 20, 512L << 20),
            2);
    return BenchReport.build(
        new BenchReport.Run(
            options,
            "in-process: seven services",
            new Deployment("in-process", 1, 1, List.of("-Xmx512m")),
            false,
            "make bench",
            warmup,
            measured,
            usage,
            probes));
  }

  private static List<Double> barWidths(String svg) {
    Matcher bars =
        Pattern.compile("<rect x=\"\\d+\" y=\"[0-9.]+\" width=\"([0-9.]+)\" height=\"22\"")
            .matcher(svg);
    return bars.results().map(m -> Double.parseDouble(m.group(1))).toList();
  }

  private static long count(String text, String part) {
    return Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
  }
}

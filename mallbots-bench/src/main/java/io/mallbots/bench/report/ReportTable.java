package io.mallbots.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of the report, rendered once as Markdown and once as HTML so both show the same
 * numbers. A cell may mark text strong with {@code **…**} (Markdown's syntax; the HTML renderer
 * turns it into {@code <strong>}).
 */
record ReportTable(List<String> header, List<List<String>> rows) {

  ReportTable(String... header) {
    this(List.of(header), new ArrayList<>());
  }

  ReportTable row(String... cells) {
    rows.add(List.of(cells));
    return this;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("| ").append(String.join(" | ", header)).append(" |\n|");
    header.forEach(h -> md.append("---|"));
    md.append('\n');
    rows.forEach(row -> md.append("| ").append(String.join(" | ", row)).append(" |\n"));
    return md.toString();
  }
}

package io.mallbots.bench.report;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU milliseconds per approved order: per group of processes (services, postgres, broker, driver)
 * and in total for the system under test (services + PostgreSQL + broker; the driver is the
 * bench's, shown apart). A group that could not be read is {@code null} ("n/a") and left out of the
 * total, which says which groups it adds.
 */
final class CpuPerOrder {

  static final List<String> SYSTEM = List.of("services", "postgres", "broker");

  private CpuPerOrder() {}

  /** {@code {total, totalOf, services, postgres, broker, driver}}, ms per order or null. */
  static JsonObject of(SystemResources.Usage usage, long orders) {
    JsonObject perOrder = new JsonObject();
    double total = 0;
    List<String> summed = new ArrayList<>();
    for (String group : List.of("services", "postgres", "broker", "driver")) {
      Double cpu = null;
      for (SystemResources.ProcessUsage usageOfGroup : usage.processes()) {
        if (usageOfGroup.group().equals(group)) {
          cpu = usageOfGroup.cpuSeconds();
        }
      }
      Double ms = cpu == null || orders <= 0 ? null : round(1000 * cpu / orders);
      perOrder.put(group, ms);
      if (ms != null && SYSTEM.contains(group)) {
        total += ms;
        summed.add(group);
      }
    }
    boolean any = summed.contains("services");
    return perOrder
        .put("total", any ? round(total) : null)
        .put("totalOf", any ? String.join(" + ", summed) : "n/a");
  }

  /** One line: "total 41 (services + postgres + broker) = services 20 · ... · driver 3.3". */
  static String text(JsonObject perOrder) {
    if (perOrder == null) {
      return "n/a";
    }
    StringBuilder text =
        new StringBuilder("total ")
            .append(ms(perOrder.getDouble("total")))
            .append(" (")
            .append(perOrder.getString("totalOf", "n/a"))
            .append(")");
    String sep = ": ";
    for (String group : SYSTEM) {
      text.append(sep).append(group).append(' ').append(ms(perOrder.getDouble(group)));
      sep = " · ";
    }
    return text.append("; bench driver ").append(ms(perOrder.getDouble("driver"))).toString();
  }

  static String ms(Double value) {
    return value == null ? "n/a" : MarkdownReport.fmt(value);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}

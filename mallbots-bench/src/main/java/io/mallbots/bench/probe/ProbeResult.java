package io.mallbots.bench.probe;

import java.util.Map;

/**
 * What one limit probe measured.
 *
 * @param name e.g. {@code database ceiling}
 * @param rate units per second
 * @param unit what was counted: {@code orders/s} or {@code tx/s}
 * @param method how, in one sentence, for the report
 * @param details the numbers behind it (statements per order, messages per order, ...)
 * @param errors failures by kind; a probe with errors is reported, not trusted
 */
public record ProbeResult(
    String name,
    double rate,
    String unit,
    String method,
    Map<String, Object> details,
    Map<String, Long> errors) {}

package io.mallbots.bench.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** Turns an HdrHistogram of microseconds into the numbers the report prints, in milliseconds. */
public final class LatencySummary {

  /** The percentiles of the distribution chart. */
  static final double[] SPECTRUM = {
    0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 92.5, 95, 96, 97, 98, 99, 99.5, 99.75, 99.9,
    99.95, 99.99, 100
  };

  private LatencySummary() {}

  /** count, mean, p50, p95, p99, p99.9 and max in ms. */
  public static JsonObject of(Histogram micros) {
    JsonObject summary = new JsonObject().put("count", micros.getTotalCount());
    if (micros.getTotalCount() == 0) {
      return summary;
    }
    return summary
        .put("meanMs", ms(micros.getMean()))
        .put("p50Ms", ms(micros.getValueAtPercentile(50)))
        .put("p95Ms", ms(micros.getValueAtPercentile(95)))
        .put("p99Ms", ms(micros.getValueAtPercentile(99)))
        .put("p999Ms", ms(micros.getValueAtPercentile(99.9)))
        .put("maxMs", ms(micros.getMaxValue()));
  }

  /** Percentile -> latency (ms) pairs, for the distribution chart. */
  public static JsonArray spectrum(Histogram micros) {
    JsonArray points = new JsonArray();
    if (micros.getTotalCount() == 0) {
      return points;
    }
    for (double percentile : SPECTRUM) {
      long value =
          percentile == 100 ? micros.getMaxValue() : micros.getValueAtPercentile(percentile);
      points.add(new JsonObject().put("percentile", percentile).put("ms", ms(value)));
    }
    return points;
  }

  static double ms(double micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}

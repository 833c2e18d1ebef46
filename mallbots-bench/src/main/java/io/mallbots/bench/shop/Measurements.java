package io.mallbots.bench.shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * What the measured orders did: checkout-to-approved latency and arrival-to-approved latency (from
 * the scheduled arrival in open loop, so waiting for a free slot counts: no coordinated omission),
 * errors by kind, and a per-second timeline for the chart. Recorded on the driving context; the
 * counters that the progress line reads are atomic.
 */
public final class Measurements {

  /** Latencies up to 10 minutes, 3 significant digits, in microseconds. */
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final long startNanos;
  private final Histogram checkoutToApproved = new Histogram(HIGHEST_MICROS, 3);
  private final Histogram arrivalToApproved = new Histogram(HIGHEST_MICROS, 3);
  private final Map<String, Long> errors = new TreeMap<>();
  private final List<Histogram> perSecond = new ArrayList<>();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private volatile long lastDoneNanos;

  public Measurements(long startNanos) {
    this.startNanos = startNanos;
    this.lastDoneNanos = startNanos;
  }

  /** An order arrived (was started or scheduled). */
  public void arrived() {
    started.incrementAndGet();
  }

  /** An order shows approved. */
  public void approved(long arrivalNanos, long checkoutNanos, long approvedNanos) {
    long micros = Math.max(0, (approvedNanos - checkoutNanos) / 1000);
    checkoutToApproved.recordValue(Math.min(micros, HIGHEST_MICROS));
    arrivalToApproved.recordValue(
        Math.min(Math.max(0, (approvedNanos - arrivalNanos) / 1000), HIGHEST_MICROS));
    int second = (int) Math.max(0, (approvedNanos - startNanos) / 1_000_000_000L);
    while (perSecond.size() <= second) {
      perSecond.add(new Histogram(HIGHEST_MICROS, 2));
    }
    perSecond.get(second).recordValue(Math.min(micros, HIGHEST_MICROS));
    lastDoneNanos = Math.max(lastDoneNanos, approvedNanos);
    completed.incrementAndGet();
  }

  /** An order ended otherwise. */
  public void failed(String kind, long nowNanos) {
    errors.merge(kind, 1L, Long::sum);
    lastDoneNanos = Math.max(lastDoneNanos, nowNanos);
    failed.incrementAndGet();
  }

  public long startNanos() {
    return startNanos;
  }

  /** The last time an order of this phase ended. */
  public long lastDoneNanos() {
    return lastDoneNanos;
  }

  public long completed() {
    return completed.get();
  }

  public long failed() {
    return failed.get();
  }

  public long started() {
    return started.get();
  }

  public Histogram checkoutToApproved() {
    return checkoutToApproved;
  }

  public Histogram arrivalToApproved() {
    return arrivalToApproved;
  }

  public Map<String, Long> errors() {
    return Map.copyOf(errors);
  }

  /**
   * Second by second since the start of the phase: the latencies of the orders approved in that
   * second.
   */
  public List<Histogram> timeline() {
    return List.copyOf(perSecond);
  }
}

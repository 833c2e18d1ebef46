package io.mallbots.core.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the relay does while the broker cannot take its rows (unreachable, or a stream or partition
 * without a leader, see {@link io.mallbots.core.messaging.Outages#isBrokerOutage}): it waits with a
 * growing backoff, {@link #FIRST_BACKOFF} doubled per failed pass up to {@link #MAX_BACKOFF}, and
 * charges no row an attempt. Logs once when an outage starts and once when it ends, not per row;
 * {@code mallbots.outbox.relay.broker.outage} is 1 while it lasts. Used on the relay's context
 * only; not thread-safe.
 */
final class BrokerOutage {

  static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(BrokerOutage.class);

  private final String schema;
  private int failedPasses;
  private long startedNanos;
  private long retryAtNanos;

  BrokerOutage(String schema) {
    this.schema = schema;
  }

  void register() {
    Gauge.builder("mallbots.outbox.relay.broker.outage", this, o -> o.failedPasses > 0 ? 1 : 0)
        .description(
            "1 while the outbox relay waits out a broker outage (rows wait, none is charged)")
        .tag("schema", schema)
        .register(Metrics.globalRegistry);
  }

  /** Whether an outage is under way. */
  boolean ongoing() {
    return failedPasses > 0;
  }

  /** Whether the relay is to wait before its next pass (a timer wakes it when the wait is over). */
  boolean waiting() {
    return failedPasses > 0 && System.nanoTime() - retryAtNanos < 0;
  }

  /**
   * A pass found the broker unavailable ({@code rows} not published, e.g. for {@code error}): how
   * long to wait before the next pass.
   */
  Duration failed(int rows, Throwable error) {
    long now = System.nanoTime();
    if (failedPasses == 0) {
      startedNanos = now;
      log.warn(
          "outbox relay of {}: the broker cannot take rows ({} not published: {}); they wait, retried "
              + "with backoff up to {} s, and no row is charged an attempt",
          schema,
          rows,
          String.valueOf(error),
          MAX_BACKOFF.toSeconds());
    }
    failedPasses++;
    Duration backoff = backoff(failedPasses);
    retryAtNanos = now + backoff.toNanos();
    return backoff;
  }

  /** A pass went through without an outage: ends the one under way, if any. */
  void over() {
    if (failedPasses == 0) {
      return;
    }
    log.info(
        "outbox relay of {}: the broker takes rows again, after {} ms and {} failed passes",
        schema,
        Duration.ofNanos(System.nanoTime() - startedNanos).toMillis(),
        failedPasses);
    failedPasses = 0;
  }

  /** The wait after the {@code n}th failed pass in a row (n from 1). */
  static Duration backoff(int n) {
    long millis = FIRST_BACKOFF.toMillis() << Math.min(n - 1, 16);
    return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
  }
}

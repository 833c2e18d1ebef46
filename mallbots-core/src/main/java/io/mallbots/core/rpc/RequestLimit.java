package io.mallbots.core.rpc;

import io.mallbots.core.domain.TooManyRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code MAX_REQUESTS_IN_FLIGHT} requests of one service are served at a time; one more is
 * refused at once with {@link TooManyRequests} (RESOURCE_EXHAUSTED, HTTP 429) instead of queueing
 * without bound, so a flood of calls costs its senders their answers and not the service its
 * memory. Shared by the service's gRPC and JSON ports. Thread-safe.
 */
public final class RequestLimit {

  /** No limit. */
  public static final RequestLimit NONE = new RequestLimit("none", Integer.MAX_VALUE);

  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter shed;

  public RequestLimit(String service, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("MAX_REQUESTS_IN_FLIGHT must be at least 1, got " + max);
    }
    this.max = max;
    this.shed =
        max == Integer.MAX_VALUE
            ? null
            : Counter.builder("mallbots.rpc.shed")
                .description("Requests refused because too many were in flight")
                .tag("service", service)
                .register(Metrics.globalRegistry);
    if (shed != null) {
      Gauge.builder("mallbots.rpc.in.flight", inFlight, AtomicInteger::get)
          .description("Requests being served")
          .tag("service", service)
          .register(Metrics.globalRegistry);
    }
  }

  /**
   * Takes a place, or refuses with {@link TooManyRequests}; give it back with {@link #release()}.
   */
  void acquire() {
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      shed.increment(); // never null here: without a limit the count cannot pass it
      throw new TooManyRequests(
          "the service is serving " + max + " requests already; try again shortly", RETRY_AFTER);
    }
  }

  void release() {
    inFlight.decrementAndGet();
  }

  /** Requests being served now. */
  public int inFlight() {
    return inFlight.get();
  }
}

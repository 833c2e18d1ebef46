package io.mallbots.core.messaging;

import java.time.Duration;

/**
 * How a subscription handles failures and how much it works on at once.
 *
 * @param maxAttempts  tries of a message's handler before it goes to {@code <topic>.dlq}
 * @param firstBackoff wait before the second try; doubles each try
 * @param maxBackoff   upper bound of the wait between tries
 * @param maxInFlight  messages handled concurrently (different keys only; one key is always sequential)
 */
public record SubscriptionOptions(int maxAttempts, Duration firstBackoff, Duration maxBackoff, int maxInFlight) {

  public static final SubscriptionOptions DEFAULTS =
      new SubscriptionOptions(5, Duration.ofMillis(100), Duration.ofSeconds(5), 64);

  public SubscriptionOptions {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1");
    }
  }

  public SubscriptionOptions withMaxAttempts(int attempts) {
    return new SubscriptionOptions(attempts, firstBackoff, maxBackoff, maxInFlight);
  }

  public SubscriptionOptions withBackoff(Duration first, Duration max) {
    return new SubscriptionOptions(maxAttempts, first, max, maxInFlight);
  }

  public SubscriptionOptions withMaxInFlight(int inFlight) {
    return new SubscriptionOptions(maxAttempts, firstBackoff, maxBackoff, inFlight);
  }

  /** The wait before try number {@code attempt + 1}. */
  public Duration backoffAfter(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}

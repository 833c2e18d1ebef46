package io.mallbots.core.messaging;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Function;

/**
 * How a subscription handles failures and how much it works on at once.
 *
 * @param maxAttempts tries of a message's handler before it goes to {@code <topic>.dlq}
 * @param firstBackoff wait before the second try; doubles each try
 * @param maxBackoff upper bound of the wait between tries
 * @param maxInFlight messages handled concurrently (different keys only; one key is always
 *     sequential)
 * @param deadLetters told of each dead letter once it is on {@code <topic>.dlq}, e.g. to keep it
 *     where an operator can list and replay it; the message counts as handled once it has answered,
 *     and its failure is logged, never retried
 * @param batchSize most messages a {@link BatchHandler} gets at once: those ready together, never
 *     waited for; 1 hands every message alone
 * @param deadLetterBroker publishes the dead letters (addressed to {@code <topic>.dlq}); null: the
 *     stream subscribed to. A subscription draining an old broker sends them to the new one.
 */
public record SubscriptionOptions(
    int maxAttempts,
    Duration firstBackoff,
    Duration maxBackoff,
    int maxInFlight,
    Function<Message, Future<Void>> deadLetters,
    int batchSize,
    Function<Message, Future<Void>> deadLetterBroker) {

  public static final SubscriptionOptions DEFAULTS =
      new SubscriptionOptions(5, Duration.ofMillis(100), Duration.ofSeconds(5), 64);

  public SubscriptionOptions(
      int maxAttempts, Duration firstBackoff, Duration maxBackoff, int maxInFlight) {
    this(
        maxAttempts,
        firstBackoff,
        maxBackoff,
        maxInFlight,
        letter -> Future.succeededFuture(),
        32,
        null);
  }

  public SubscriptionOptions {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
  }

  public SubscriptionOptions withMaxAttempts(int attempts) {
    return new SubscriptionOptions(
        attempts, firstBackoff, maxBackoff, maxInFlight, deadLetters, batchSize, deadLetterBroker);
  }

  public SubscriptionOptions withBackoff(Duration first, Duration max) {
    return new SubscriptionOptions(
        maxAttempts, first, max, maxInFlight, deadLetters, batchSize, deadLetterBroker);
  }

  public SubscriptionOptions withMaxInFlight(int inFlight) {
    return new SubscriptionOptions(
        maxAttempts, firstBackoff, maxBackoff, inFlight, deadLetters, batchSize, deadLetterBroker);
  }

  public SubscriptionOptions withDeadLetters(Function<Message, Future<Void>> sink) {
    return new SubscriptionOptions(
        maxAttempts, firstBackoff, maxBackoff, maxInFlight, sink, batchSize, deadLetterBroker);
  }

  public SubscriptionOptions withBatchSize(int size) {
    return new SubscriptionOptions(
        maxAttempts, firstBackoff, maxBackoff, maxInFlight, deadLetters, size, deadLetterBroker);
  }

  /** These options with the dead letters published by {@code broker} instead. */
  public SubscriptionOptions withDeadLetterBroker(Function<Message, Future<Void>> broker) {
    return new SubscriptionOptions(
        maxAttempts, firstBackoff, maxBackoff, maxInFlight, deadLetters, batchSize, broker);
  }

  /** The wait before try number {@code attempt + 1}. */
  public Duration backoffAfter(int attempt) {
    long millis = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}

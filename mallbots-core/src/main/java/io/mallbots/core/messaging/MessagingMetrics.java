package io.mallbots.core.messaging;

import io.mallbots.core.observability.Observability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Meters of message handling, on Micrometer's global registry (which {@link Observability} links to
 * Prometheus). Tags are the topic and the subscriber group: both are few, fixed at start. Called by
 * {@link MessageDispatcher} and the broker adapters, from any thread.
 */
public final class MessagingMetrics {

  // The meters of every message, found once per topic and group: building and looking one up in
  // the registry (tags, id, hash) cost more than recording.
  private static final Map<String, Timer> HANDLED = new ConcurrentHashMap<>();
  private static final Map<String, Timer> LAG = new ConcurrentHashMap<>();
  private static final Map<String, DistributionSummary> BATCH = new ConcurrentHashMap<>();

  /** The last stamp parsed: the messages of one relay pass share it. */
  private static volatile Stamp lastStamp = new Stamp("", Instant.EPOCH);

  private record Stamp(String text, Instant instant) {}

  private MessagingMetrics() {}

  private static String key(String topic, String group) {
    return topic + '\n' + group;
  }

  /** A handler succeeded. */
  public static void handled(String topic, String group, long nanos) {
    HANDLED
        .computeIfAbsent(
            key(topic, group),
            k ->
                Timer.builder("mallbots.messages.handled")
                    .description("Messages handled successfully")
                    .tags("topic", topic, "group", group)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry()))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * How long a message waited between its publication ({@link Metadata#PUBLISHED_AT}) and the start
   * of its first handling: the consumer's lag, in time rather than in offsets, the same for both
   * brokers. Messages without the stamp (not from an outbox) are not measured.
   */
  public static void lag(String topic, String group, Message message) {
    String published = message.metadata(Metadata.PUBLISHED_AT);
    if (published == null) {
      return;
    }
    try {
      Stamp stamp = lastStamp;
      if (!stamp.text().equals(published)) {
        stamp = new Stamp(published, Instant.parse(published));
        lastStamp = stamp;
      }
      long millis = Math.max(0, Duration.between(stamp.instant(), Instant.now()).toMillis());
      LAG.computeIfAbsent(
              key(topic, group),
              k ->
                  Timer.builder("mallbots.messages.lag")
                      .description("Time from publication to the start of handling")
                      .tags("topic", topic, "group", group)
                      .register(registry()))
          .record(millis, TimeUnit.MILLISECONDS);
    } catch (DateTimeParseException notOurs) {
      // a foreign or damaged stamp says nothing about lag
    }
  }

  /** One attempt of a handler failed. */
  public static void failed(String topic, String group) {
    Counter.builder("mallbots.messages.failed")
        .description("Failed handler attempts")
        .tags("topic", topic, "group", group)
        .register(registry())
        .increment();
  }

  /**
   * A subscription with batching ({@code MESSAGE_BATCH_SIZE} above 1) started handling {@code size}
   * messages at once (1: one was ready alone).
   */
  public static void batch(String topic, String group, int size) {
    BATCH
        .computeIfAbsent(
            key(topic, group),
            k ->
                DistributionSummary.builder("mallbots.messages.batch.size")
                    .description("Messages handed to a handler at once")
                    .tags("topic", topic, "group", group)
                    .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
                    .register(registry()))
        .record(size);
  }

  /** A batch failed; its messages are then handled one by one. */
  public static void batchFailed(String topic, String group) {
    Counter.builder("mallbots.messages.batch.failed")
        .description("Batches that failed and were handled again one message at a time")
        .tags("topic", topic, "group", group)
        .register(registry())
        .increment();
  }

  /** A message went to its dead-letter topic. */
  public static void deadLettered(String topic, String group) {
    Counter.builder("mallbots.messages.dead.lettered")
        .description("Messages moved to the dead-letter topic")
        .tags("topic", topic, "group", group)
        .register(registry())
        .increment();
  }

  /** A message was published to the broker. */
  public static void published(String topic, int count) {
    Counter.builder("mallbots.messages.published")
        .description("Messages stored by the broker")
        .tags("topic", topic)
        .register(registry())
        .increment(count);
  }

  private static MeterRegistry registry() {
    return Metrics.globalRegistry;
  }
}

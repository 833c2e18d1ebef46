package io.mallbots.core.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Meters of message handling, on Micrometer's global registry (which {@link Observability} links to
 * Prometheus). Tags are the topic and the subscriber group: both are few, fixed at start.
 */
public final class MessagingMetrics {

  private MessagingMetrics() {
  }

  /** A handler succeeded. */
  public static void handled(String topic, String group, long nanos) {
    Timer.builder("mallbots.messages.handled").description("Messages handled successfully")
        .tags("topic", topic, "group", group).publishPercentileHistogram(false)
        .register(registry()).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One attempt of a handler failed. */
  public static void failed(String topic, String group) {
    Counter.builder("mallbots.messages.failed").description("Failed handler attempts")
        .tags("topic", topic, "group", group).register(registry()).increment();
  }

  /** A message went to its dead-letter topic. */
  public static void deadLettered(String topic, String group) {
    Counter.builder("mallbots.messages.dead.lettered").description("Messages moved to the dead-letter topic")
        .tags("topic", topic, "group", group).register(registry()).increment();
  }

  /** A message was published to the broker. */
  public static void published(String topic, int count) {
    Counter.builder("mallbots.messages.published").description("Messages stored by the broker")
        .tags("topic", topic).register(registry()).increment(count);
  }

  private static MeterRegistry registry() {
    return Metrics.globalRegistry;
  }
}

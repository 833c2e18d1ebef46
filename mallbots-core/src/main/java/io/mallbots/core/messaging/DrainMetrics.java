package io.mallbots.core.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauges of a drain from the old broker ({@code EVENT_SERVER_DRAIN_FROM}), on Micrometer's
 * global registry: {@code mallbots_broker_drain_remaining_subscriptions{service,from}} (0 once
 * every subscription of the service is drained) and {@code
 * mallbots_broker_drain_lag{from,topic,group}} (the last lag measured). A gauge is registered once
 * per tag set and kept for the life of the JVM; any thread.
 */
final class DrainMetrics {

  private static final Map<List<String>, AtomicLong> VALUES = new ConcurrentHashMap<>();

  private DrainMetrics() {}

  /** Subscriptions of {@code service} still reading {@code from}. */
  static AtomicLong remaining(String service, String from) {
    return VALUES.computeIfAbsent(
        List.of("remaining", service, from),
        key -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("mallbots.broker.drain.remaining.subscriptions", value, AtomicLong::get)
              .description("Subscriptions still reading the broker being drained")
              .tags("service", service, "from", from)
              .register(Metrics.globalRegistry);
          return value;
        });
  }

  /** The lag of {@code group} on {@code topic} of the broker being drained, as last measured. */
  static AtomicLong lag(String from, String topic, String group) {
    return VALUES.computeIfAbsent(
        List.of("lag", from, topic, group),
        key -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("mallbots.broker.drain.lag", value, AtomicLong::get)
              .description("Messages a group has not yet handled on the broker being drained")
              .tags("from", from, "topic", topic, "group", group)
              .register(Metrics.globalRegistry);
          return value;
        });
  }
}

package io.mallbots.core.messaging;

import java.util.Optional;

/**
 * What {@link EventStreams#connect} needs to open the broker a service is configured for.
 *
 * <p>{@code io.mallbots.core.config.CoreSettings} implements it (its record components carry these
 * names), so a service's composition root passes its settings as they are, while messaging knows
 * nothing of how the settings are read. Immutable values; any thread.
 */
public interface EventStreamSettings {

  /** The service name, e.g. {@code baskets}: part of the Kafka client ids. */
  String service();

  /** {@code EVENT_SERVER_TYPE}: which broker. */
  EventServerType eventServer();

  /**
   * {@code EVENT_SERVER_DRAIN_FROM}: the broker this service used before, read (at {@code
   * KAFKA_BROKERS} or {@code NATS_URL}) until every subscription has drained it, while everything
   * is published to {@link #eventServer()} only; empty when not moving brokers.
   */
  default Optional<EventServerType> drainFrom() {
    return Optional.empty();
  }

  /** {@code KAFKA_BROKERS}. */
  String kafkaBrokers();

  /** {@code NATS_URL}. */
  String natsUrl();

  /** {@code NATS_STREAM}: prefix of the JetStream stream names. */
  String natsStream();

  /**
   * {@code KAFKA_PARTITIONS}, {@code KAFKA_REPLICATION_FACTOR}, {@code KAFKA_MIN_INSYNC_REPLICAS},
   * {@code NATS_REPLICAS}, {@code NATS_PARTITIONS}: how the topics and streams a service creates
   * are partitioned and replicated.
   */
  BrokerCluster brokerCluster();

  /**
   * {@code MESSAGE_MAX_BYTES}: the largest message the outbox accepts, which the broker must take.
   */
  int messageMaxBytes();

  /** {@code EVENT_NAMESPACE}: prefix of every topic and group; empty in normal operation. */
  String eventNamespace();
}

package io.mallbots.core.messaging;

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

  /** {@code KAFKA_BROKERS}. */
  String kafkaBrokers();

  /** {@code NATS_URL}. */
  String natsUrl();

  /** {@code NATS_STREAM}: prefix of the JetStream stream names. */
  String natsStream();

  /** {@code NATS_PARTITIONS}: partitions per topic on NATS, each consumed by one member of a group at a time. */
  int natsPartitions();

  /** {@code MESSAGE_MAX_BYTES}: the largest message the outbox accepts, which the broker must take. */
  int messageMaxBytes();

  /** {@code EVENT_NAMESPACE}: prefix of every topic and group; empty in normal operation. */
  String eventNamespace();

  /** {@code MESSAGE_DELIVER_TWICE}: fault injection, every message handled twice. */
  boolean deliverTwice();
}

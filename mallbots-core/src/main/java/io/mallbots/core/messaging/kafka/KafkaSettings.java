package io.mallbots.core.messaging.kafka;

import io.mallbots.core.messaging.BrokerCluster;
import java.util.Objects;

/**
 * Where the Kafka cluster is and how {@link KafkaEventStream} creates the topics it uses.
 *
 * <p>Built once by the composition root (the service agent, or a test) from configuration and
 * handed to {@link KafkaEventStream#connect}. Immutable, so it may be shared by any thread.
 *
 * @param bootstrapServers comma-separated {@code host:port} list, e.g. {@code 127.0.0.1:9092} (env
 *     {@code KAFKA_BROKERS})
 * @param clientIdPrefix prefix of the {@code client.id} of every producer, consumer and admin
 *     client, so the broker's logs and metrics tell the services apart (e.g. {@code baskets})
 * @param partitions partitions of a topic this stream creates (an existing topic is left as it is);
 *     the upper bound of members of one group that receive at the same time
 * @param replicationFactor replication factor of a topic this stream creates (1 for a single
 *     broker)
 * @param messageMaxBytes the largest message the outbox accepts ({@code MESSAGE_MAX_BYTES}); the
 *     producer's {@code max.request.size} is this plus {@link #RECORD_OVERHEAD_BYTES}, so it sends
 *     what the outbox accepts and nothing larger (the broker's own limit is left as it is)
 * @param minInsyncReplicas {@code min.insync.replicas} of a topic this stream creates: replicas
 *     that must have a record before the producer ({@code acks=all}) is told it is stored; 1 to the
 *     replication factor
 * @param consumerGroup the Kafka consumer group of every subscription of the stream, which then
 *     share one consumer per turn of the subscribing context (a service subscribes in one turn: one
 *     consumer per service instance); null: each subscription its own consumer, in the group it
 *     names. Either way the subscriber group stays the inbox's and the dead letters' name.
 */
public record KafkaSettings(
    String bootstrapServers,
    String clientIdPrefix,
    int partitions,
    short replicationFactor,
    int messageMaxBytes,
    int minInsyncReplicas,
    String consumerGroup) {

  /** Partitions of a new topic unless told otherwise. */
  public static final int DEFAULT_PARTITIONS = BrokerCluster.DEFAULT_KAFKA_PARTITIONS;

  /** Replication factor of a new topic unless told otherwise (a single development broker). */
  public static final short DEFAULT_REPLICATION_FACTOR = 1;

  /** Client id prefix unless told otherwise. */
  public static final String DEFAULT_CLIENT_ID_PREFIX = "mallbots";

  /**
   * The largest message unless told otherwise: the outbox's default, under Kafka's default 1 MiB.
   */
  public static final int DEFAULT_MESSAGE_MAX_BYTES = 1_000_000;

  /**
   * Room for what a record carries beyond the message as the outbox measures it: the relay's and
   * the tracer's headers, record and batch framing.
   */
  public static final int RECORD_OVERHEAD_BYTES = 16 * 1024;

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1");
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replicationFactor must be at least 1");
    }
    if (messageMaxBytes < 1) {
      throw new IllegalArgumentException("messageMaxBytes must be at least 1");
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
      throw new IllegalArgumentException(
          "minInsyncReplicas must be between 1 and the replication factor");
    }
    if (consumerGroup != null && consumerGroup.isBlank()) {
      throw new IllegalArgumentException("consumerGroup must not be blank");
    }
  }

  /** With one consumer per subscription. */
  public KafkaSettings(
      String bootstrapServers,
      String clientIdPrefix,
      int partitions,
      short replicationFactor,
      int messageMaxBytes,
      int minInsyncReplicas) {
    this(
        bootstrapServers,
        clientIdPrefix,
        partitions,
        replicationFactor,
        messageMaxBytes,
        minInsyncReplicas,
        null);
  }

  /** With one in-sync replica required. */
  public KafkaSettings(
      String bootstrapServers,
      String clientIdPrefix,
      int partitions,
      short replicationFactor,
      int messageMaxBytes) {
    this(bootstrapServers, clientIdPrefix, partitions, replicationFactor, messageMaxBytes, 1);
  }

  /** With the default message size and one in-sync replica required. */
  public KafkaSettings(
      String bootstrapServers, String clientIdPrefix, int partitions, short replicationFactor) {
    this(
        bootstrapServers, clientIdPrefix, partitions, replicationFactor, DEFAULT_MESSAGE_MAX_BYTES);
  }

  /**
   * The producer's {@code max.request.size}: a record larger than this fails at once, in the
   * producer.
   */
  public int maxRequestBytes() {
    return (int) Math.min(Integer.MAX_VALUE, (long) messageMaxBytes + RECORD_OVERHEAD_BYTES);
  }

  /** Settings with the default client id prefix, partitions and replication factor. */
  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(
        bootstrapServers, DEFAULT_CLIENT_ID_PREFIX, DEFAULT_PARTITIONS, DEFAULT_REPLICATION_FACTOR);
  }

  public KafkaSettings withClientIdPrefix(String prefix) {
    return new KafkaSettings(
        bootstrapServers,
        prefix,
        partitions,
        replicationFactor,
        messageMaxBytes,
        minInsyncReplicas,
        consumerGroup);
  }

  public KafkaSettings withPartitions(int count) {
    return new KafkaSettings(
        bootstrapServers,
        clientIdPrefix,
        count,
        replicationFactor,
        messageMaxBytes,
        minInsyncReplicas,
        consumerGroup);
  }

  public KafkaSettings withReplicationFactor(short factor) {
    return new KafkaSettings(
        bootstrapServers,
        clientIdPrefix,
        partitions,
        factor,
        messageMaxBytes,
        minInsyncReplicas,
        consumerGroup);
  }

  public KafkaSettings withMessageMaxBytes(int bytes) {
    return new KafkaSettings(
        bootstrapServers,
        clientIdPrefix,
        partitions,
        replicationFactor,
        bytes,
        minInsyncReplicas,
        consumerGroup);
  }

  /** A topic this stream creates gets {@code min.insync.replicas} = {@code replicas}. */
  public KafkaSettings withMinInsyncReplicas(int replicas) {
    return new KafkaSettings(
        bootstrapServers,
        clientIdPrefix,
        partitions,
        replicationFactor,
        messageMaxBytes,
        replicas,
        consumerGroup);
  }

  /**
   * Every subscription of the stream in consumer group {@code group}, one consumer per turn of the
   * subscribing context; null for one consumer (and group) per subscription.
   */
  public KafkaSettings withConsumerGroup(String group) {
    return new KafkaSettings(
        bootstrapServers,
        clientIdPrefix,
        partitions,
        replicationFactor,
        messageMaxBytes,
        minInsyncReplicas,
        group);
  }

  /** The Kafka consumer group of a subscription in subscriber group {@code group}. */
  public String consumerGroupOf(String group) {
    return consumerGroup == null ? group : consumerGroup;
  }
}

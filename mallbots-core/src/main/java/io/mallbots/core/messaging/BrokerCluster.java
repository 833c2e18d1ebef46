package io.mallbots.core.messaging;

/**
 * How the brokers' topics and streams are replicated and partitioned when a service creates them
 * (an existing topic or stream is left as it is). The defaults fit one Kafka broker and one NATS
 * server; a three-node cluster takes {@code <partitions>, 3, 2, 3, <partitions>}. Immutable; any
 * thread.
 *
 * @param kafkaPartitions {@code KAFKA_PARTITIONS}: partitions of a new topic; the most members of
 *     one consumer group that receive at once
 * @param kafkaReplicationFactor {@code KAFKA_REPLICATION_FACTOR}: copies of each partition
 * @param kafkaMinInsyncReplicas {@code KAFKA_MIN_INSYNC_REPLICAS}: copies that must have a record
 *     before the producer ({@code acks=all}) is told it is stored; at most the replication factor
 * @param natsReplicas {@code NATS_REPLICAS}: copies of each JetStream stream (1 to 5; 3 survives
 *     one server down)
 * @param natsPartitions {@code NATS_PARTITIONS}: subjects per topic on NATS, each consumed by one
 *     member of a group at a time (docs/adr/0009); the same on every instance
 */
public record BrokerCluster(
    int kafkaPartitions,
    short kafkaReplicationFactor,
    int kafkaMinInsyncReplicas,
    int natsReplicas,
    int natsPartitions) {

  /** Partitions of a new Kafka topic unless told otherwise. */
  public static final int DEFAULT_KAFKA_PARTITIONS = 4;

  /**
   * Subjects per NATS topic unless told otherwise: members of a group beyond this many get none.
   */
  public static final int DEFAULT_NATS_PARTITIONS = 8;

  /** One Kafka broker and one NATS server. */
  public static final BrokerCluster SINGLE_NODE =
      new BrokerCluster(DEFAULT_KAFKA_PARTITIONS, (short) 1, 1, 1, DEFAULT_NATS_PARTITIONS);

  public BrokerCluster {
    if (kafkaPartitions < 1) {
      throw new IllegalArgumentException("KAFKA_PARTITIONS must be at least 1");
    }
    if (kafkaReplicationFactor < 1) {
      throw new IllegalArgumentException("KAFKA_REPLICATION_FACTOR must be at least 1");
    }
    if (kafkaMinInsyncReplicas < 1 || kafkaMinInsyncReplicas > kafkaReplicationFactor) {
      throw new IllegalArgumentException(
          "KAFKA_MIN_INSYNC_REPLICAS must be between 1 and KAFKA_REPLICATION_FACTOR ("
              + kafkaReplicationFactor
              + ")");
    }
    if (natsReplicas < 1 || natsReplicas > 5) {
      throw new IllegalArgumentException(
          "NATS_REPLICAS must be between 1 and 5 (JetStream's limit)");
    }
    if (natsPartitions < 1 || natsPartitions > 1024) {
      throw new IllegalArgumentException("NATS_PARTITIONS must be between 1 and 1024");
    }
  }
}

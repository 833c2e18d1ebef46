package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.BrokerCluster;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link NatsEventStream} reaches NATS and shapes the JetStream streams and consumers it
 * creates. Built once by a service's composition root (from the environment, see {@link #fromEnv});
 * immutable.
 *
 * @param url NATS server URL(s), comma-separated, e.g. {@code nats://127.0.0.1:4222}
 * @param streamPrefix first part of every stream name ({@code NATS_STREAM}): streams are named
 *     {@code <PREFIX>_<A>_<B>} for topics {@code a.b.*}
 * @param ackWait how long JetStream waits for an ack before it redelivers; messages still being
 *     worked on are kept alive with in-progress acks
 * @param duplicateWindow how long JetStream remembers a message id to drop duplicate publishes
 * @param maxAge how long a stream keeps messages ({@link Duration#ZERO}: forever)
 * @param maxBytes size limit of each stream, oldest messages dropped first (-1: none)
 * @param requestTimeout timeout of JetStream API calls and of each publish acknowledgement
 * @param messageMaxBytes the largest message the outbox accepts ({@code MESSAGE_MAX_BYTES});
 *     connecting fails when the server's {@code max_payload} is smaller than this plus {@link
 *     #HEADER_OVERHEAD_BYTES} (the server's limit is left as it is)
 * @param replicas copies of each stream this stream creates ({@code NATS_REPLICAS}): 1 for one
 *     server, 3 in a three-server cluster (an existing stream is left as it is)
 * @param partitions {@code NATS_PARTITIONS}: each topic is published on {@code <topic>.p<k>}, k a
 *     stable hash of the aggregate id modulo this; each partition is consumed by one member of a
 *     group at a time (docs/adr/0009). Every instance must use the same value, and it may change
 *     only while the topics are drained.
 */
public record NatsSettings(
    String url,
    String streamPrefix,
    Duration ackWait,
    Duration duplicateWindow,
    Duration maxAge,
    long maxBytes,
    Duration requestTimeout,
    int messageMaxBytes,
    int replicas,
    int partitions) {

  public static final String DEFAULT_URL = "nats://127.0.0.1:4222";
  public static final String DEFAULT_STREAM_PREFIX = "mallbots";

  /**
   * The largest message unless told otherwise: the outbox's default, under NATS's default 1 MiB
   * max_payload.
   */
  public static final int DEFAULT_MESSAGE_MAX_BYTES = 1_000_000;

  /**
   * Room for what a NATS message carries beyond the message as the outbox measures it: header
   * framing.
   */
  public static final int HEADER_OVERHEAD_BYTES = 16 * 1024;

  /** Partitions per topic unless told otherwise: members of a group beyond this many get none. */
  public static final int DEFAULT_PARTITIONS = BrokerCluster.DEFAULT_NATS_PARTITIONS;

  public NatsSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(streamPrefix, "streamPrefix");
    if (streamPrefix.isBlank()) {
      throw new IllegalArgumentException("streamPrefix must not be blank");
    }
    if (ackWait.toMillis() < 1_000) {
      throw new IllegalArgumentException("ackWait must be at least one second");
    }
    if (duplicateWindow.isNegative()
        || maxAge.isNegative()
        || requestTimeout.isNegative()
        || requestTimeout.isZero()) {
      throw new IllegalArgumentException("durations must be positive");
    }
    if (messageMaxBytes < 1) {
      throw new IllegalArgumentException("messageMaxBytes must be at least 1");
    }
    if (replicas < 1 || replicas > 5) {
      throw new IllegalArgumentException("NATS_REPLICAS must be between 1 and 5");
    }
    if (partitions < 1 || partitions > 1024) {
      throw new IllegalArgumentException("NATS_PARTITIONS must be between 1 and 1024");
    }
  }

  /**
   * Defaults for a server at {@code url}: prefix {@code mallbots}, ack wait 30 s, 2 min dedup, 7
   * days.
   */
  public static NatsSettings defaults(String url) {
    return new NatsSettings(
        url,
        DEFAULT_STREAM_PREFIX,
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Duration.ofDays(7),
        -1,
        Duration.ofSeconds(5),
        DEFAULT_MESSAGE_MAX_BYTES,
        1,
        DEFAULT_PARTITIONS);
  }

  /**
   * From {@code NATS_URL}, {@code NATS_STREAM}, {@code NATS_REPLICAS} and {@code NATS_PARTITIONS},
   * with {@link #defaults} for what is unset.
   */
  public static NatsSettings fromEnv(Map<String, String> env) {
    String url = env.getOrDefault("NATS_URL", "");
    String prefix = env.getOrDefault("NATS_STREAM", "");
    String replicas = env.getOrDefault("NATS_REPLICAS", "");
    String partitions = env.getOrDefault("NATS_PARTITIONS", "");
    NatsSettings settings = defaults(url.isBlank() ? DEFAULT_URL : url);
    settings = prefix.isBlank() ? settings : settings.withStreamPrefix(prefix);
    settings =
        replicas.isBlank() ? settings : settings.withReplicas(Integer.parseInt(replicas.trim()));
    return partitions.isBlank()
        ? settings
        : settings.withPartitions(Integer.parseInt(partitions.trim()));
  }

  /**
   * How long a member's lease on a partition lasts without renewal: longer than the ack wait, so
   * that when a member dies, JetStream has made its unacknowledged messages due for redelivery
   * (ahead of newer ones) before another member takes the partition over.
   */
  public Duration leaseTtl() {
    return ackWait.plusSeconds(5);
  }

  public NatsSettings withStreamPrefix(String prefix) {
    return new NatsSettings(
        url,
        prefix,
        ackWait,
        duplicateWindow,
        maxAge,
        maxBytes,
        requestTimeout,
        messageMaxBytes,
        replicas,
        partitions);
  }

  public NatsSettings withAckWait(Duration wait) {
    return new NatsSettings(
        url,
        streamPrefix,
        wait,
        duplicateWindow,
        maxAge,
        maxBytes,
        requestTimeout,
        messageMaxBytes,
        replicas,
        partitions);
  }

  public NatsSettings withMessageMaxBytes(int bytes) {
    return new NatsSettings(
        url,
        streamPrefix,
        ackWait,
        duplicateWindow,
        maxAge,
        maxBytes,
        requestTimeout,
        bytes,
        replicas,
        partitions);
  }

  public NatsSettings withReplicas(int count) {
    return new NatsSettings(
        url,
        streamPrefix,
        ackWait,
        duplicateWindow,
        maxAge,
        maxBytes,
        requestTimeout,
        messageMaxBytes,
        count,
        partitions);
  }

  public NatsSettings withPartitions(int count) {
    return new NatsSettings(
        url,
        streamPrefix,
        ackWait,
        duplicateWindow,
        maxAge,
        maxBytes,
        requestTimeout,
        messageMaxBytes,
        replicas,
        count);
  }
}

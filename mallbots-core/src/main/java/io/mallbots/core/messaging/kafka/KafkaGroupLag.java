package io.mallbots.core.messaging.kafka;

import io.mallbots.core.messaging.BrokerLag;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The lag of a consumer group on Kafka: per partition of the topic, its end offset minus the
 * group's committed offset (or minus the partition's first offset when the group committed none, as
 * a consumer then starts at the earliest). {@link KafkaMember} commits only past finished records,
 * so zero means every record was handled. The group asked for is the subscriber group; where the
 * stream's subscriptions share a consumer group ({@link KafkaSettings#consumerGroup()}), that
 * group's offsets of the topic answer. One admin client of its own; the calls block a worker
 * thread, never an event loop.
 */
public final class KafkaGroupLag implements BrokerLag {

  private static final long TIMEOUT_MS = 15_000;

  private final Vertx vertx;
  private final Admin admin;
  private final KafkaSettings settings;

  private KafkaGroupLag(Vertx vertx, Admin admin, KafkaSettings settings) {
    this.vertx = vertx;
    this.admin = admin;
    this.settings = settings;
  }

  /** An admin client for the cluster of {@code settings} (created off the event loop). */
  public static Future<KafkaGroupLag> connect(Vertx vertx, KafkaSettings settings) {
    return vertx.executeBlocking(
        () -> {
          Map<String, Object> config = new HashMap<>();
          config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
          config.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.clientIdPrefix() + "-drain");
          return new KafkaGroupLag(vertx, Admin.create(config), settings);
        });
  }

  @Override
  public Future<Long> lag(String topic, String group) {
    return vertx.executeBlocking(() -> lagNow(topic, group), false);
  }

  private long lagNow(String topic, String group) throws Exception {
    TopicDescription description;
    try {
      description =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return 0; // no topic, nothing to read
      }
      throw e;
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(settings.consumerGroupOf(group))
            .partitionsToOffsetAndMetadata()
            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
    description
        .partitions()
        .forEach(
            p -> {
              TopicPartition partition = new TopicPartition(topic, p.partition());
              ends.put(partition, OffsetSpec.latest());
              if (committed.get(partition) == null) {
                starts.put(partition, OffsetSpec.earliest());
              }
            });
    Map<TopicPartition, ListOffsetsResultInfo> end = offsets(ends);
    Map<TopicPartition, ListOffsetsResultInfo> start = offsets(starts);
    long lag = 0;
    for (TopicPartition partition : ends.keySet()) {
      OffsetAndMetadata position = committed.get(partition);
      long from = position != null ? position.offset() : start.get(partition).offset();
      lag += Math.max(0, end.get(partition).offset() - from);
    }
    return lag;
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(Map<TopicPartition, OffsetSpec> specs)
      throws Exception {
    if (specs.isEmpty()) {
      return Map.of();
    }
    return admin.listOffsets(specs).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(
        () -> {
          admin.close(Duration.ofSeconds(5));
          return null;
        });
  }
}

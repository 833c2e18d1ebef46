package io.mallbots.bench.chaos;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What is still unread on the broker the services moved away from, after a swap: the sum over every
 * consumer group of the messages it has not handled there (Kafka: end offsets minus the group's
 * committed ones, on every partition of the topics it reads; NATS: pending plus unacknowledged
 * messages of every JetStream consumer). The broker is the run's own, so every group on it is one
 * of the run's services' (the shoppers' watcher aside). Blocking: from main.
 */
final class OldBroker {

  /** The shoppers' order watcher's groups: not the services', and closed before its last commit. */
  private static final String WATCHER = "bench-orders";

  private OldBroker() {}

  /** Messages no group has handled yet on the {@code type} broker at {@code settings}. */
  static long unread(String type, Map<String, String> settings) throws Exception {
    return type.equals("kafka")
        ? kafka(settings.get("KAFKA_BROKERS"))
        : nats(settings.get("NATS_URL"));
  }

  private static long kafka(String bootstrap) throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(config)) {
      long unread = 0;
      for (ConsumerGroupListing group :
          admin.listConsumerGroups().all().get(60, TimeUnit.SECONDS)) {
        if (group.groupId().contains(WATCHER)) {
          continue;
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(group.groupId())
                .partitionsToOffsetAndMetadata()
                .get(60, TimeUnit.SECONDS);
        List<String> topics =
            committed.keySet().stream().map(TopicPartition::topic).distinct().toList();
        if (topics.isEmpty()) {
          continue;
        }
        // Every partition of the topics the group reads: one it never committed on counts whole.
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (TopicDescription topic :
            admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS).values()) {
          topic
              .partitions()
              .forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()), latest()));
        }
        var endOffsets = admin.listOffsets(ends).all().get(60, TimeUnit.SECONDS);
        for (var end : endOffsets.entrySet()) {
          OffsetAndMetadata at = committed.get(end.getKey());
          unread += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
        }
      }
      return unread;
    }
  }

  private static OffsetSpec latest() {
    return OffsetSpec.latest();
  }

  private static long nats(String urls) throws Exception {
    Options options =
        new Options.Builder()
            .servers(urls.split(","))
            .connectionTimeout(Duration.ofSeconds(10))
            .maxReconnects(0)
            .build();
    try (Connection connection = Nats.connect(options)) {
      JetStreamManagement management = connection.jetStreamManagement();
      long unread = 0;
      for (String stream : management.getStreamNames()) {
        List<ConsumerInfo> consumers = new ArrayList<>(management.getConsumers(stream));
        for (ConsumerInfo consumer : consumers) {
          if (consumer.getName().contains(WATCHER)) {
            continue;
          }
          unread += consumer.getNumPending() + consumer.getNumAckPending();
        }
      }
      return unread;
    }
  }
}

package io.mallbots.core.messaging.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a subscription's place in its topic over from the consumer group it had alone to the
 * group the stream's subscriptions share ({@link KafkaSettings#consumerGroup()}), so that a service
 * moved to one consumer resumes where each subscription stopped. Without it the shared group would
 * start at the earliest offset: the inbox keeps that without effect only for the messages it still
 * remembers ({@code INBOX_RETENTION}).
 *
 * <p>Only partitions the shared group has no offset for are copied, and only while it has no
 * members (Kafka refuses otherwise): the first instance to start copies, the others find the
 * offsets there. The former groups are left as they are, for instances of the former version still
 * running; their redeliveries meet the same inbox.
 */
final class KafkaGroupOffsets {

  private static final Logger log = LoggerFactory.getLogger(KafkaGroupOffsets.class);

  private static final long TIMEOUT_MS = 15_000;

  private final Vertx vertx;
  private final Admin admin;

  KafkaGroupOffsets(Vertx vertx, Admin admin) {
    this.vertx = vertx;
    this.admin = admin;
  }

  /**
   * Gives {@code group} the offsets each topic of {@code formerGroups} (topic to the group that
   * read it alone) had there, where {@code group} has none. Never fails: a copy refused or not
   * possible is logged, and the group then starts where Kafka's reset policy says.
   */
  Future<Void> adopt(String group, Map<String, String> formerGroups) {
    return vertx
        .executeBlocking(() -> adoptNow(group, formerGroups), false)
        .recover(
            error -> {
              log.warn(
                  "group {} could not take over the offsets of {}: {}",
                  group,
                  formerGroups,
                  String.valueOf(error));
              return Future.succeededFuture();
            });
  }

  private Void adoptNow(String group, Map<String, String> formerGroups) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> own = committed(group);
    Map<TopicPartition, OffsetAndMetadata> copies = new HashMap<>();
    for (var former : formerGroups.entrySet()) {
      if (former.getValue().equals(group)) {
        continue;
      }
      committed(former.getValue())
          .forEach(
              (partition, offset) -> {
                if (partition.topic().equals(former.getKey()) && !own.containsKey(partition)) {
                  copies.put(partition, offset);
                }
              });
    }
    if (copies.isEmpty()) {
      return null;
    }
    try {
      admin.alterConsumerGroupOffsets(group, copies).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      log.info("group {} took over the offsets {} from {}", group, copies, formerGroups);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupNotEmptyException
          || e.getCause() instanceof UnknownMemberIdException)) {
        throw e;
      }
      log.info("group {} has members already: they read on from its own offsets", group);
    }
    return null;
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    admin
        .listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata()
        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .forEach(
            (partition, offset) -> {
              if (offset != null) {
                offsets.put(partition, offset);
              }
            });
    return offsets;
  }
}

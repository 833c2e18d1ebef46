package io.mallbots.core.messaging.kafka;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a member got in each of its partitions: the records dispatched and not yet finished, in
 * offset order, and the offset after the longest run of finished ones (each succeeded or
 * dead-lettered), never past one in flight or failed. Confined to the subscribing context, except
 * {@link #finishedUpTo}, which the consumer's thread reads during a rebalance.
 */
final class PartitionProgress {

  /** A record handed to the dispatcher, and how its handling ends. */
  private record Delivery(long offset, Future<Void> done) {}

  private final Map<TopicPartition, ArrayDeque<Delivery>> unfinished = new HashMap<>();

  /** Per partition, the next offset to commit that was not committed yet. */
  private final Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();

  /** Per partition, the offset after the finished records, committed or not. */
  private final Map<TopicPartition, OffsetAndMetadata> finishedUpTo = new ConcurrentHashMap<>();

  /** Notes a dispatched record of {@code partition}. */
  void dispatched(TopicPartition partition, long offset, Future<Void> done) {
    unfinished.computeIfAbsent(partition, p -> new ArrayDeque<>()).add(new Delivery(offset, done));
  }

  /** Moves the partition's offset past the finished records at its head; a failed one holds it. */
  void finished(TopicPartition partition) {
    ArrayDeque<Delivery> deliveries = unfinished.get(partition);
    while (deliveries != null && !deliveries.isEmpty() && deliveries.peek().done().succeeded()) {
      OffsetAndMetadata next = new OffsetAndMetadata(deliveries.poll().offset() + 1);
      committable.put(partition, next);
      finishedUpTo.put(partition, next);
    }
  }

  /** The offsets to commit since the last call; empty when nothing moved. */
  Map<TopicPartition, OffsetAndMetadata> takeCommittable() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(committable);
    committable.clear();
    return offsets;
  }

  /** What a revoke commits for {@code partitions}. Any thread. */
  Map<TopicPartition, OffsetAndMetadata> finishedUpTo(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = finishedUpTo.get(partition);
      if (offset != null) {
        offsets.put(partition, offset);
      }
    }
    return offsets;
  }

  /** How the records of {@code partitions} still in flight end. */
  List<Future<Void>> inFlight(Collection<TopicPartition> partitions) {
    List<Future<Void>> inFlight = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      unfinished
          .getOrDefault(partition, new ArrayDeque<>())
          .forEach(delivery -> inFlight.add(delivery.done()));
    }
    return inFlight;
  }

  /** Stops tracking partitions the member no longer owns. Any thread for the revoke's part. */
  void forgetFinished(Collection<TopicPartition> partitions) {
    partitions.forEach(finishedUpTo::remove);
  }

  /** Forgets everything about partitions gone to another member; on the context. */
  void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      unfinished.remove(partition);
      committable.remove(partition);
      finishedUpTo.remove(partition);
    }
  }
}

package io.mallbots.core.messaging.kafka;

import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.Subscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group: a Kafka consumer driven by a poll loop on the subscribing context.
 *
 * <p>The loop: poll a batch (at most {@code maxInFlight} records), hand every record to the
 * {@link MessageDispatcher} (per-key order, retries, dead letters), wait until all of them finished,
 * commit the offsets and poll again without waiting for the commit's answer (the consumer runs the commit
 * before the poll, and a message waiting for the next poll should not wait for a broker round trip too). So an
 * offset is committed only after its handler succeeded (or its message was dead-lettered), never for a failure;
 * a crash or a rebalance in between redelivers (at-least-once). A failed poll or commit is logged and the loop goes on, polls after a growing pause.
 *
 * <p>Every field is confined to the subscribing context (the Vert.x consumer calls back there, the
 * dispatcher runs there); {@link #close()} hops onto it.
 */
final class KafkaSubscription implements Subscription {

  private static final Logger log = LoggerFactory.getLogger(KafkaSubscription.class);
  /** How long one poll waits for records on the consumer's thread; also the latency of {@link #close()}. */
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);
  private static final long FIRST_POLL_BACKOFF_MS = 100;
  private static final long MAX_POLL_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final Context context;
  private final String topic;
  private final String group;
  private final KafkaReadStream<String, byte[]> consumer;
  private final MessageDispatcher dispatcher;
  private final Runnable onClosed;

  private final Promise<Subscription> ready = Promise.promise();
  /** Completes when the poll loop has stopped (nothing polled or dispatched any more). */
  private final Promise<Void> stopped = Promise.promise();
  private boolean closing;
  private Future<Void> closed;
  private long backoffTimer = -1;
  private int pollFailures;

  KafkaSubscription(Vertx vertx, Context context, String topic, String group,
                    KafkaReadStream<String, byte[]> consumer, MessageDispatcher dispatcher, Runnable onClosed) {
    this.vertx = vertx;
    this.context = context;
    this.topic = topic;
    this.group = group;
    this.consumer = consumer;
    this.dispatcher = dispatcher;
    this.onClosed = onClosed;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String group() {
    return group;
  }

  /**
   * Subscribes the consumer and starts the poll loop; on the subscription's context. Completes once the
   * group gave this member its first assignment (possibly empty, when the group has more members than
   * the topic has partitions), fails after {@code timeout}.
   */
  Future<Subscription> start(Duration timeout) {
    consumer.partitionsAssignedHandler(partitions -> {
      log.debug("{} in group {} assigned {}", topic, group, partitions);
      ready.tryComplete(this);
    });
    consumer.partitionsRevokedHandler(partitions -> log.debug("{} in group {} revoked {}", topic, group, partitions));
    consumer.exceptionHandler(error -> log.warn("consumer of {} in group {}: {}", topic, group, String.valueOf(error)));
    long timer = vertx.setTimer(timeout.toMillis(), id -> ready.tryFail(new TimeoutException(
        "group " + group + " gave no partitions of " + topic + " within " + timeout)));
    consumer.subscribe(Set.of(topic)).onComplete(result -> {
      if (result.succeeded()) {
        poll();
      } else {
        ready.tryFail(result.cause());
        stopped.tryComplete();
      }
    });
    return ready.future().onComplete(result -> vertx.cancelTimer(timer));
  }

  private void poll() {
    backoffTimer = -1;
    if (closing) {
      stopped.tryComplete();
      return;
    }
    consumer.poll(POLL_TIMEOUT).onComplete(result -> {
      if (closing) {
        // Fetched but not dispatched, hence not committed: the group gets these records again.
        stopped.tryComplete();
      } else if (result.failed()) {
        long pause = Math.min(FIRST_POLL_BACKOFF_MS << Math.min(pollFailures++, 10), MAX_POLL_BACKOFF_MS);
        log.warn("poll of {} in group {} failed (retrying in {} ms): {}", topic, group, pause,
            String.valueOf(result.cause()));
        backoffTimer = vertx.setTimer(pause, id -> poll());
      } else {
        pollFailures = 0;
        ConsumerRecords<String, byte[]> records = result.result();
        if (records.isEmpty()) {
          poll();
        } else {
          handle(records).onComplete(done -> poll());
        }
      }
    });
  }

  /** Dispatches a batch; commits, per partition, the records up to the first that did not succeed. */
  private Future<Void> handle(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, List<Future<Void>>> results = new HashMap<>();
    Map<TopicPartition, List<Long>> offsets = new HashMap<>();
    List<Future<Void>> all = new ArrayList<>(records.count());
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        Future<Void> done = dispatcher.dispatch(KafkaEnvelope.fromRecord(record));
        results.computeIfAbsent(partition, p -> new ArrayList<>()).add(done);
        offsets.computeIfAbsent(partition, p -> new ArrayList<>()).add(record.offset());
        all.add(done);
      }
    }
    return Future.join(all).transform(ignored -> {
      Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
      results.forEach((partition, futures) -> {
        long next = -1;
        for (int i = 0; i < futures.size() && futures.get(i).succeeded(); i++) {
          next = offsets.get(partition).get(i) + 1;
        }
        if (next >= 0) {
          commit.put(partition, new OffsetAndMetadata(next));
        }
      });
      commit(commit);
      return Future.<Void>succeededFuture();
    });
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commit(offsets).onFailure(error ->
        // Typically a rebalance took the partitions away: their new owner gets the records again.
        log.warn("commit of {} in group {} failed, {} will be delivered again: {}", topic, group, offsets,
            String.valueOf(error)));
  }

  /**
   * Stops polling, lets the messages in flight finish (no more retries), commits what finished, leaves
   * the group and closes the consumer. Any thread; idempotent.
   */
  @Override
  public Future<Void> close() {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> closeOnContext().onComplete(promise));
    return promise.future();
  }

  private Future<Void> closeOnContext() {
    if (closed != null) {
      return closed;
    }
    closing = true;
    ready.tryFail(new IllegalStateException("subscription of " + group + " to " + topic + " closed"));
    if (backoffTimer >= 0 && vertx.cancelTimer(backoffTimer)) {
      stopped.tryComplete();
    }
    closed = dispatcher.close()
        .eventually(stopped::future)
        .eventually(consumer::close)
        .<Void>mapEmpty()
        .recover(error -> {
          log.warn("closing the consumer of {} in group {}: {}", topic, group, String.valueOf(error));
          return Future.succeededFuture();
        })
        .onComplete(done -> onClosed.run());
    return closed;
  }
}

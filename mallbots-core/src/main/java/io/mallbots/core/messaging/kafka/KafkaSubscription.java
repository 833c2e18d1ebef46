package io.mallbots.core.messaging.kafka;

import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.Subscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group: a Kafka consumer driven by a poll loop on the subscribing
 * context.
 *
 * <p>The loop: poll, hand every record to the {@link MessageDispatcher} (per-key order, retries,
 * dead letters), and poll again at once while fewer than {@code maxInFlight} messages are in
 * flight, else as soon as one finishes (a poll brings at most {@code maxInFlight} records, so fewer
 * than twice that are ever in flight). A slow message therefore holds up only the messages of its
 * key, not the rest of its batch: waiting for whole batches made each of an order's five trips
 * through Kafka wait for the slowest message polled with it.
 *
 * <p>Per partition, the offset committed is the one after the longest run of finished records (each
 * succeeded or dead-lettered), never past one in flight or failed. The commit goes to the consumer
 * before a poll, which runs it first, at most every 200 ms, on close, and when a rebalance takes a
 * partition away (synchronously, before the group moves on, after the partition's messages in
 * flight finished). A crash redelivers what was not committed, a rebalance only what was still in
 * flight after a few seconds (at-least-once; the inboxes make it once in effect). A failed poll or
 * commit is logged; polls resume after a growing pause.
 *
 * <p>Every field is confined to the subscribing context (the Vert.x consumer calls back there, the
 * dispatcher runs there); {@link #close()} hops onto it.
 */
final class KafkaSubscription implements Subscription {

  private static final Logger log = LoggerFactory.getLogger(KafkaSubscription.class);

  /**
   * How long one poll waits for records on the consumer's thread; also the latency of {@link
   * #close()}.
   */
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);

  /**
   * How long a revoke waits for the messages in flight of the partitions leaving; the group's
   * rebalance waits as long, so it stays short.
   */
  private static final Duration REVOKE_WAIT = Duration.ofSeconds(5);

  private static final long FIRST_POLL_BACKOFF_MS = 100;
  private static final long MAX_POLL_BACKOFF_MS = 5_000;

  /**
   * Commits at most this often: each is a write to the broker's offsets topic, and committing
   * before every poll (hundreds a second under load) cost the broker and the clients CPU the orders
   * needed. A crash redelivers at most this much more; the inboxes keep it without effect.
   */
  private static final long COMMIT_INTERVAL_NANOS = Duration.ofMillis(200).toNanos();

  private final Vertx vertx;
  private final Context context;
  private final String topic;
  private final String group;
  private final KafkaReadStream<String, byte[]> consumer;
  private final MessageDispatcher dispatcher;
  private final int maxInFlight;
  private final Runnable onClosed;

  private final Promise<Subscription> ready = Promise.promise();

  /** Completes when the poll loop has stopped (nothing polled or dispatched any more). */
  private final Promise<Void> stopped = Promise.promise();

  private final PartitionProgress progress = new PartitionProgress();

  /** Completed when a message finishes while the loop waits for room under {@code maxInFlight}. */
  private Promise<Void> room;

  private boolean closing;
  private Future<Void> closed;
  private long backoffTimer = -1;
  private int pollFailures;
  private long lastCommit = System.nanoTime();

  KafkaSubscription(
      Vertx vertx,
      Context context,
      String topic,
      String group,
      KafkaReadStream<String, byte[]> consumer,
      MessageDispatcher dispatcher,
      int maxInFlight,
      Runnable onClosed) {
    this.vertx = vertx;
    this.context = context;
    this.topic = topic;
    this.group = group;
    this.consumer = consumer;
    this.dispatcher = dispatcher;
    this.maxInFlight = maxInFlight;
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
   * Subscribes the consumer and starts the poll loop; on the subscription's context. Completes once
   * the group gave this member its first assignment (possibly empty, when the group has more
   * members than the topic has partitions), fails after {@code timeout}.
   */
  Future<Subscription> start(Duration timeout) {
    consumer.exceptionHandler(
        error -> log.warn("consumer of {} in group {}: {}", topic, group, String.valueOf(error)));
    long timer =
        vertx.setTimer(
            timeout.toMillis(),
            id ->
                ready.tryFail(
                    new TimeoutException(
                        "group "
                            + group
                            + " gave no partitions of "
                            + topic
                            + " within "
                            + timeout)));
    consumer
        .subscribe(Set.of(topic))
        .onComplete(
            result -> {
              if (result.succeeded()) {
                // The Vert.x client's rebalance handlers run later, on the context: too late to
                // commit for a revoked partition. Subscribing again with a listener of our own,
                // which Kafka calls on the consumer's thread inside poll, commits what finished
                // before the partition leaves. Nothing polls yet, so the consumer is free to be
                // called from here.
                consumer.unwrap().subscribe(Set.of(topic), new Rebalancing());
                poll();
              } else {
                ready.tryFail(result.cause());
                stopped.tryComplete();
              }
            });
    return ready.future().onComplete(result -> vertx.cancelTimer(timer));
  }

  /**
   * Called by Kafka on the consumer's thread, inside a poll. On revoke it lets the messages in
   * flight finish, then commits, synchronously and before the group moves on, the offsets after the
   * records that finished (never past one still in flight); the new owner starts there.
   */
  private final class Rebalancing implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      awaitInFlight(partitions);
      Map<TopicPartition, OffsetAndMetadata> offsets = progress.finishedUpTo(partitions);
      if (!offsets.isEmpty()) {
        try {
          consumer.unwrap().commitSync(offsets);
          log.info("{} in group {}: committed {} on revoke", topic, group, offsets);
        } catch (RuntimeException e) {
          log.warn(
              "commit of {} in group {} on revoke failed, {} will be delivered again: {}",
              topic,
              group,
              offsets,
              String.valueOf(e));
        }
      }
      forget(partitions, "revoked");
    }

    /**
     * Lets the messages in flight of the partitions leaving finish first (for at most {@link
     * #REVOKE_WAIT}), so that their new owner starts after them instead of handling them again.
     * Blocks the consumer's thread, never the context, where the messages finish.
     */
    private void awaitInFlight(Collection<TopicPartition> partitions) {
      if (Context.isOnEventLoopThread()) {
        return;
      }
      CompletableFuture<Void> finishedAll = new CompletableFuture<>();
      context.runOnContext(
          v -> {
            Future.join(progress.inFlight(partitions))
                .onComplete(all -> finishedAll.complete(null));
          });
      try {
        finishedAll.get(REVOKE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        log.warn(
            "{} in group {}: messages of {} still in flight after {}, they will be delivered again",
            topic,
            group,
            partitions,
            REVOKE_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // Already someone else's: a commit would be refused.
      forget(partitions, "lost");
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      context.runOnContext(
          v -> {
            log.debug("{} in group {} assigned {}", topic, group, partitions);
            ready.tryComplete(KafkaSubscription.this);
          });
    }

    private void forget(Collection<TopicPartition> partitions, String how) {
      progress.forgetFinished(partitions);
      Set<TopicPartition> gone = Set.copyOf(partitions);
      // Runs on the context before the records of the poll that revoked them (queued first).
      context.runOnContext(
          v -> {
            log.debug("{} in group {} {} {}", topic, group, how, gone);
            // Their new owner starts after the last commit; what finishes here from now on is not
            // ours to commit.
            progress.forget(gone);
          });
    }
  }

  private void poll() {
    backoffTimer = -1;
    if (closing) {
      stopped.tryComplete();
      return;
    }
    if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
      commit();
    }
    consumer
        .poll(POLL_TIMEOUT)
        .onComplete(
            result -> {
              if (closing) {
                // Fetched but not dispatched, hence not committed: the group gets these records
                // again.
                stopped.tryComplete();
              } else if (result.failed()) {
                long pause =
                    Math.min(
                        FIRST_POLL_BACKOFF_MS << Math.min(pollFailures++, 10), MAX_POLL_BACKOFF_MS);
                log.warn(
                    "poll of {} in group {} failed (retrying in {} ms): {}",
                    topic,
                    group,
                    pause,
                    String.valueOf(result.cause()));
                backoffTimer = vertx.setTimer(pause, id -> poll());
              } else {
                pollFailures = 0;
                dispatch(result.result());
                room().onComplete(v -> poll());
              }
            });
  }

  private void dispatch(ConsumerRecords<String, byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        Future<Void> done = dispatcher.dispatch(KafkaEnvelope.fromRecord(record));
        progress.dispatched(partition, record.offset(), done);
        done.onComplete(result -> finished(partition));
      }
    }
  }

  private void finished(TopicPartition partition) {
    progress.finished(partition);
    if (room != null && dispatcher.inFlight() < maxInFlight) {
      Promise<Void> waiting = room;
      room = null;
      waiting.complete();
    }
  }

  /** Completes once fewer than {@code maxInFlight} messages are in flight. */
  private Future<Void> room() {
    if (dispatcher.inFlight() < maxInFlight) {
      return Future.succeededFuture();
    }
    room = Promise.promise();
    return room.future();
  }

  private Future<Void> commit() {
    lastCommit = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> offsets = progress.takeCommittable();
    if (offsets.isEmpty()) {
      return Future.succeededFuture();
    }
    return consumer
        .commit(offsets)
        .<Void>mapEmpty()
        .recover(
            error -> {
              // Typically a rebalance took the partitions away: their new owner gets the records
              // again.
              log.warn(
                  "commit of {} in group {} failed, {} will be delivered again: {}",
                  topic,
                  group,
                  offsets,
                  String.valueOf(error));
              return Future.succeededFuture();
            });
  }

  /**
   * Stops polling, lets the messages in flight finish (no more retries), commits what finished,
   * leaves the group and closes the consumer. Any thread; idempotent.
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
    ready.tryFail(
        new IllegalStateException("subscription of " + group + " to " + topic + " closed"));
    if (backoffTimer >= 0 && vertx.cancelTimer(backoffTimer)) {
      stopped.tryComplete();
    }
    closed =
        dispatcher
            .close()
            .eventually(stopped::future)
            .eventually(this::commit)
            .eventually(consumer::close)
            .<Void>mapEmpty()
            .recover(
                error -> {
                  log.warn(
                      "closing the consumer of {} in group {}: {}",
                      topic,
                      group,
                      String.valueOf(error));
                  return Future.succeededFuture();
                })
            .onComplete(done -> onClosed.run());
    return closed;
  }
}

package io.mallbots.core.messaging.kafka;

import io.mallbots.core.messaging.MessageDispatcher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group: a Kafka consumer of one or more topics, driven by a poll loop on
 * the subscribing context, each topic a {@link KafkaSubscription} with a dispatcher of its own.
 *
 * <p>The loop: poll, hand every record to its topic's {@link MessageDispatcher} (per-key order,
 * retries, dead letters), and poll again at once while fewer than {@code maxInFlight} messages are
 * in flight, else as soon as one finishes (a poll brings at most {@code maxInFlight} records, so
 * fewer than twice that are ever in flight). A slow message therefore holds up only the messages of
 * its key, not the rest of its batch: waiting for whole batches made each of an order's five trips
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
 * <p>Closing one subscription of several lets its messages in flight finish and re-subscribes the
 * consumer to the other topics before its next poll, so the group hands the closed topic's
 * partitions to the members still reading it; records of it polled meanwhile are left uncommitted
 * for them. Closing the last closes the member.
 *
 * <p>Every field is confined to the subscribing context (the Vert.x consumer calls back there, the
 * dispatchers run there); {@link #close()} hops onto it. The consumer itself is called from the
 * context only between polls, when the Vert.x consumer's thread is idle.
 */
final class KafkaMember {

  private static final Logger log = LoggerFactory.getLogger(KafkaMember.class);

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
  private final String group;
  private final KafkaReadStream<String, byte[]> consumer;
  private final int maxInFlight;
  private final Consumer<String> released;
  private final Runnable onClosed;

  /** Every subscription added, open or closed (a closed one may still have messages in flight). */
  private final List<KafkaSubscription> all = new ArrayList<>();

  /** The subscriptions still open, by topic. */
  private final Map<String, KafkaSubscription> open = new LinkedHashMap<>();

  /** Set when a subscription closed: the consumer subscribes to the open topics before a poll. */
  private boolean topicsChanged;

  private final Rebalancing rebalancing = new Rebalancing();

  private final Promise<Void> ready = Promise.promise();

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

  /**
   * A member of consumer group {@code group} reading with {@code consumer}; {@code released} is
   * told of each topic it stops reading, {@code onClosed} runs once it closed.
   */
  KafkaMember(
      Vertx vertx,
      Context context,
      String group,
      KafkaReadStream<String, byte[]> consumer,
      int maxInFlight,
      Consumer<String> released,
      Runnable onClosed) {
    this.vertx = vertx;
    this.context = context;
    this.group = group;
    this.consumer = consumer;
    this.maxInFlight = maxInFlight;
    this.released = released;
    this.onClosed = onClosed;
  }

  /**
   * Adds subscriber group {@code subscriber}'s subscription to {@code topic}, its messages handed
   * to {@code dispatcher}; before {@link #start}, on the context.
   */
  KafkaSubscription add(String topic, String subscriber, MessageDispatcher dispatcher) {
    var subscription = new KafkaSubscription(topic, subscriber, dispatcher, this);
    if (open.putIfAbsent(topic, subscription) != null) {
      throw new IllegalStateException("a member of group " + group + " reads " + topic + " once");
    }
    all.add(subscription);
    return subscription;
  }

  /**
   * Subscribes the consumer to every added topic and starts the poll loop; on the context.
   * Completes once the group gave this member its first assignment (possibly empty, when the group
   * has more members than the topics have partitions), fails after {@code timeout}.
   */
  Future<Void> start(Duration timeout) {
    Set<String> topics = Set.copyOf(open.keySet());
    consumer.exceptionHandler(
        error -> log.warn("consumer of {} in group {}: {}", topics, group, String.valueOf(error)));
    long timer =
        vertx.setTimer(
            timeout.toMillis(),
            id ->
                ready.tryFail(
                    new TimeoutException(
                        "group "
                            + group
                            + " gave no partitions of "
                            + topics
                            + " within "
                            + timeout)));
    consumer
        .subscribe(topics)
        .onComplete(
            result -> {
              if (result.succeeded()) {
                // The Vert.x client's rebalance handlers run later, on the context: too late to
                // commit for a revoked partition. Subscribing again with a listener of our own,
                // which Kafka calls on the consumer's thread inside poll, commits what finished
                // before the partition leaves. Nothing polls yet, so the consumer is free to be
                // called from here.
                consumer.unwrap().subscribe(topics, rebalancing);
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
          log.info("group {}: committed {} on revoke", group, offsets);
        } catch (RuntimeException e) {
          log.warn(
              "commit of group {} on revoke failed, {} will be delivered again: {}",
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
            "group {}: messages of {} still in flight after {}, they will be delivered again",
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
            log.debug("group {} assigned {}", group, partitions);
            ready.tryComplete();
          });
    }

    private void forget(Collection<TopicPartition> partitions, String how) {
      progress.forgetFinished(partitions);
      Set<TopicPartition> gone = Set.copyOf(partitions);
      // Runs on the context before the records of the poll that revoked them (queued first).
      context.runOnContext(
          v -> {
            log.debug("group {} {} {}", group, how, gone);
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
    if (topicsChanged) {
      // Between polls nothing else calls the consumer: the next poll rebalances, and the closed
      // topics' partitions go, committed as far as they finished, to members still reading them.
      topicsChanged = false;
      consumer.unwrap().subscribe(open.keySet(), rebalancing);
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
                    "poll of group {} failed (retrying in {} ms): {}",
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
      KafkaSubscription subscription = open.get(partition.topic());
      if (subscription == null) {
        continue; // closed: left uncommitted for the members still reading it
      }
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        Future<Void> done = subscription.dispatcher().dispatch(KafkaEnvelope.fromRecord(record));
        progress.dispatched(partition, record.offset(), done);
        done.onComplete(result -> finished(partition));
      }
    }
  }

  private void finished(TopicPartition partition) {
    progress.finished(partition);
    if (room != null && inFlight() < maxInFlight) {
      Promise<Void> waiting = room;
      room = null;
      waiting.complete();
    }
  }

  /** Completes once fewer than {@code maxInFlight} messages are in flight. */
  private Future<Void> room() {
    if (inFlight() < maxInFlight) {
      return Future.succeededFuture();
    }
    room = Promise.promise();
    return room.future();
  }

  private int inFlight() {
    int inFlight = 0;
    for (KafkaSubscription subscription : all) {
      inFlight += subscription.dispatcher().inFlight();
    }
    return inFlight;
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
                  "commit of group {} failed, {} will be delivered again: {}",
                  group,
                  offsets,
                  String.valueOf(error));
              return Future.succeededFuture();
            });
  }

  /**
   * Closes {@code subscription}: its messages in flight finish (no more retries); the last one open
   * closes the member. Any thread; idempotent.
   */
  Future<Void> close(KafkaSubscription subscription) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(
        v -> {
          if (open.remove(subscription.topic(), subscription)) {
            released.accept(subscription.topic());
            topicsChanged = !open.isEmpty();
          }
          (open.isEmpty() ? closeOnContext() : subscription.dispatcher().close())
              .onComplete(promise);
        });
    return promise.future();
  }

  /**
   * Stops polling, lets the messages in flight finish (no more retries), commits what finished,
   * leaves the group and closes the consumer. Any thread; idempotent.
   */
  Future<Void> close() {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> closeOnContext().onComplete(promise));
    return promise.future();
  }

  private Future<Void> closeOnContext() {
    if (closed != null) {
      return closed;
    }
    closing = true;
    open.keySet().forEach(released);
    open.clear();
    ready.tryFail(new IllegalStateException("member of group " + group + " closed"));
    if (backoffTimer >= 0 && vertx.cancelTimer(backoffTimer)) {
      stopped.tryComplete();
    }
    closed =
        Future.join(all.stream().map(each -> each.dispatcher().close()).toList())
            .eventually(stopped::future)
            .eventually(this::commit)
            .eventually(consumer::close)
            .<Void>mapEmpty()
            .recover(
                error -> {
                  log.warn("closing the consumer of group {}: {}", group, String.valueOf(error));
                  return Future.succeededFuture();
                })
            .onComplete(done -> onClosed.run());
    return closed;
  }
}

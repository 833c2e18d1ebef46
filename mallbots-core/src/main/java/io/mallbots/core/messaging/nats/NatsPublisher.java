package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.Message;
import io.nats.client.JetStream;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The publishing side of a {@link NatsEventStream}: asynchronous JetStream publishes, pipelined on
 * the one connection in call order, with a bounded number awaiting acknowledgement (see the class
 * comment of {@link NatsEventStream}, "Publish").
 *
 * <p>Who calls it: {@link NatsEventStream#publish} (and through it the dead letters of its
 * subscriptions), and its {@code close}. Threads: any; the queue and the count of unacknowledged
 * publishes are guarded by one lock, and jnats completes the acknowledgements on its own threads.
 */
final class NatsPublisher {

  /**
   * Far below jnats' outgoing queue (5,000 messages), which blocks the publishing thread when full.
   */
  static final int MAX_UNACKED_PUBLISHES = 1024;

  private final JetStream jetStream;
  private final NatsStreamAdmin admin;
  private final int partitions;
  private final Object publishLock = new Object();

  /** Messages not yet handed to jnats, in publishing order. Guarded by publishLock. */
  private final ArrayDeque<Outgoing> queued = new ArrayDeque<>();

  /** Messages handed to jnats and not yet acknowledged. Guarded by publishLock. */
  private int unacked;

  private boolean pumping;

  /**
   * Completed when the last unacknowledged publish settles, once close() waits for it. Guarded by
   * publishLock.
   */
  private CompletableFuture<Void> publishesDrained;

  private volatile boolean closed;

  NatsPublisher(JetStream jetStream, NatsStreamAdmin admin, int partitions) {
    this.jetStream = jetStream;
    this.admin = admin;
    this.partitions = partitions;
  }

  /**
   * Queues the messages of one publish call behind those queued before and starts sending. The
   * future completes (on a jnats or worker thread) when every message is acknowledged, or fails
   * with the first failure. Throws {@link IllegalArgumentException}, queuing nothing, when a topic
   * cannot be mapped to a stream.
   */
  CompletableFuture<Void> publish(List<Message> messages) {
    Batch batch = new Batch();
    List<Outgoing> outgoing = new ArrayList<>(messages.size());
    for (Message message : messages) {
      String service = JetStreamNames.serviceSubject(message.topic());
      outgoing.add(
          new Outgoing(batch, message, NatsEnvelope.headers(message), admin.ensureStream(service)));
    }
    synchronized (publishLock) {
      queued.addAll(outgoing);
    }
    pump();
    return CompletableFuture.allOf(
        outgoing.stream().map(o -> o.acked).toArray(CompletableFuture[]::new));
  }

  /** Refuses what is still queued and everything published from now on. */
  void close() {
    closed = true;
    pump(); // fails what is still queued
  }

  /**
   * Hands queued messages to jnats in queue order while fewer than {@link #MAX_UNACKED_PUBLISHES}
   * wait for their acknowledgement (so jnats' outgoing queue never fills up and blocks the caller).
   * The head waits for its stream to exist; nothing overtakes it. Runs on any thread; one at a
   * time.
   */
  private void pump() {
    synchronized (publishLock) {
      if (pumping) {
        return; // called back from inside the loop below, which looks again anyway
      }
      pumping = true;
      try {
        while (!queued.isEmpty() && unacked < MAX_UNACKED_PUBLISHES) {
          Outgoing head = queued.peekFirst();
          if (!head.stream.isDone()) {
            if (head.waiting) {
              break;
            }
            head.waiting = true;
            head.stream.whenComplete((name, error) -> pump());
            continue;
          }
          queued.pollFirst();
          issue(head);
        }
      } finally {
        pumping = false;
      }
    }
  }

  /** Under the publish lock. */
  private void issue(Outgoing out) {
    if (closed) {
      out.fail(new IllegalStateException("event stream closed"));
      return;
    }
    if (out.batch.failure != null) {
      out.fail(out.batch.failure); // keep a failed batch's order: the caller publishes it again
      return;
    }
    CompletableFuture<PublishAck> ack;
    try {
      PublishOptions options =
          PublishOptions.builder()
              .messageId(NatsEnvelope.deduplicationKey(out.message))
              .expectedStream(out.stream.join())
              .build();
      String subject =
          JetStreamNames.partitionSubject(
              out.message.topic(), JetStreamNames.partition(out.message.aggregateId(), partitions));
      ack = jetStream.publishAsync(subject, out.headers, out.message.payload(), options);
    } catch (RuntimeException e) {
      out.fail(NatsEventStream.unwrap(e));
      return;
    }
    unacked++;
    ack.whenComplete(
        (stored, error) -> {
          CompletableFuture<Void> drained = null;
          synchronized (publishLock) {
            unacked--;
            if (unacked == 0 && publishesDrained != null) {
              drained = publishesDrained;
              publishesDrained = null;
            }
          }
          if (drained != null) {
            drained.complete(null);
          }
          if (error != null) {
            out.fail(NatsEventStream.unwrap(error));
          } else {
            out.acked.complete(null);
          }
          pump();
        });
  }

  /** Completes when no publish handed to jnats awaits its acknowledgement any more. */
  CompletableFuture<Void> settled() {
    synchronized (publishLock) {
      if (unacked == 0) {
        return CompletableFuture.completedFuture(null);
      }
      if (publishesDrained == null) {
        publishesDrained = new CompletableFuture<>();
      }
      return publishesDrained;
    }
  }

  /** The messages of one {@link #publish} call. */
  private static final class Batch {
    volatile Throwable failure;
  }

  /** One message on its way to JetStream. */
  private static final class Outgoing {
    final Batch batch;
    final Message message;
    final Headers headers;
    final CompletableFuture<String> stream;
    final CompletableFuture<Void> acked = new CompletableFuture<>();
    boolean waiting;

    Outgoing(Batch batch, Message message, Headers headers, CompletableFuture<String> stream) {
      this.batch = batch;
      this.message = message;
      this.headers = headers;
      this.stream = stream;
    }

    void fail(Throwable error) {
      if (batch.failure == null) {
        batch.failure = error;
      }
      acked.completeExceptionally(error);
    }
  }
}

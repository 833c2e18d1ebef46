package io.mallbots.core.messaging.nats;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries a {@link NatsSubscription} received and has not settled yet: which are being
 * handled (kept alive with in-progress acks), how many per partition (a partition is handed over
 * only once none is left), the last stream sequence received per partition, and those to nak in
 * stream order when the subscription closes. Context only: every method runs on the subscribing
 * context.
 */
final class InFlightDeliveries {

  private static final Logger log = LoggerFactory.getLogger(InFlightDeliveries.class);

  private final String group;
  private final String topic;

  /** Delivered and neither acked nor nak'ed yet. */
  private final Set<InFlight> inFlight = new LinkedHashSet<>();

  /** Per partition: messages delivered and not yet settled. */
  private final Map<Integer, Integer> unsettled = new HashMap<>();

  /** Per partition: the stream sequence of the last delivery that reached the context. */
  private final Map<Integer, Long> lastReceived = new HashMap<>();

  /** Per partition being given up: completed when its last delivery is settled. */
  private final Map<Integer, Promise<Void>> drainedPartitions = new HashMap<>();

  /**
   * Received while closing, or given up by the closed dispatcher: nak'ed in stream order at the
   * end.
   */
  private final List<io.nats.client.Message> toNak = new ArrayList<>();

  private Promise<Void> settled;

  InFlightDeliveries(String group, String topic) {
    this.group = group;
    this.topic = topic;
  }

  /** Notes that {@code delivery} of {@code partition} reached the context. */
  void received(io.nats.client.Message delivery, int partition) {
    lastReceived.merge(partition, streamSequence(delivery), Math::max);
  }

  /** The stream sequence of the last delivery of {@code partition} that reached the context. */
  long lastReceived(int partition) {
    return lastReceived.getOrDefault(partition, 0L);
  }

  /** Not to be worked on: nak'ed in stream order by {@link #nakInStreamOrder}. */
  void nakLater(io.nats.client.Message delivery) {
    toNak.add(delivery);
  }

  /**
   * Tracks {@code delivery} while {@code handling} runs: acks it once handled, or nak's it later
   * when the handling failed (the dispatcher closed first).
   */
  void track(io.nats.client.Message delivery, int partition, Supplier<Future<Void>> handling) {
    InFlight entry = new InFlight(delivery, System.nanoTime());
    inFlight.add(entry);
    unsettled.merge(partition, 1, Integer::sum);
    handling
        .get()
        .onComplete(
            result -> {
              inFlight.remove(entry);
              if (result.succeeded()) {
                ack(delivery);
              } else {
                // the dispatcher closed first: nak'ed in order once the pulls have ended
                toNak.add(delivery);
              }
              if (unsettled.merge(partition, -1, Integer::sum) == 0) {
                unsettled.remove(partition);
                Promise<Void> drained = drainedPartitions.remove(partition);
                if (drained != null) {
                  drained.complete();
                }
              }
              if (inFlight.isEmpty() && settled != null) {
                settled.tryComplete();
              }
            });
  }

  private void ack(io.nats.client.Message delivery) {
    try {
      delivery.ack();
    } catch (RuntimeException e) {
      // connection closed or reconnecting: JetStream redelivers after the ack wait
      log.debug("could not ack a message of group {}: {}", group, e.toString());
    }
  }

  /**
   * Tells JetStream that messages held longer than a third of the ack wait are still being worked
   * on.
   */
  void keepAlive(long periodMillis) {
    long now = System.nanoTime();
    for (InFlight entry : inFlight) {
      if (Duration.ofNanos(now - entry.since).toMillis() >= periodMillis) {
        try {
          entry.delivery.inProgress();
        } catch (RuntimeException e) {
          log.debug("in-progress ack failed: {}", e.toString());
        }
      }
    }
  }

  /** Completes once every delivery of partition {@code k} received so far is settled. */
  Future<Void> partitionSettled(int k) {
    if (unsettled.getOrDefault(k, 0) == 0) {
      return Future.succeededFuture();
    }
    return drainedPartitions.computeIfAbsent(k, p -> Promise.promise()).future();
  }

  /** Completes once no delivery is being handled. */
  Future<Void> allSettled() {
    if (inFlight.isEmpty()) {
      return Future.succeededFuture();
    }
    settled = Promise.promise();
    return settled.future();
  }

  /** Naks what {@link #nakLater} and failed handlings left, oldest first. */
  void nakInStreamOrder() {
    toNak.sort(Comparator.comparingLong(InFlightDeliveries::streamSequence));
    log.debug(
        "group {} on {}: nak'ing {} messages on closing: {}",
        group,
        topic,
        toNak.size(),
        toNak.stream().map(d -> d.getSubject() + "@" + streamSequence(d)).toList());
    for (io.nats.client.Message delivery : toNak) {
      try {
        delivery.nak();
      } catch (RuntimeException e) {
        log.debug("could not nak a message of group {}: {}", group, e.toString());
      }
    }
    toNak.clear();
  }

  private static long streamSequence(io.nats.client.Message delivery) {
    try {
      return delivery.metaData().streamSequence();
    } catch (RuntimeException notJetStream) {
      return Long.MAX_VALUE;
    }
  }

  /** A delivery being handled, and since when (for the in-progress acks). */
  private static final class InFlight {
    final io.nats.client.Message delivery;
    final long since;

    InFlight(io.nats.client.Message delivery, long since) {
      this.delivery = delivery;
      this.since = since;
    }
  }
}

package io.mallbots.core.messaging.nats;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link NatsSubscription} lets go of a partition it holds: stop pulling, wait until the open
 * pull has ended (so nothing more is on its way to this member), until every message of the
 * partition it received is settled ({@link InFlightDeliveries}), then delete the lease, so that the
 * next owner starts where this one stopped (docs/adr/0009). Context only; lease and consumer calls
 * that block run on worker threads.
 */
final class PartitionHandover {

  private static final Logger log = LoggerFactory.getLogger(PartitionHandover.class);

  private final Vertx vertx;
  private final Context context;
  private final String group;
  private final String topic;
  private final Duration pullExpires;
  private final NatsPartitionLeases leases;
  private final NatsSubscription.PartitionConsumers consumers;
  private final InFlightDeliveries deliveries;
  private final NatsFlush flush;

  PartitionHandover(
      Vertx vertx,
      Context context,
      String group,
      String topic,
      Duration pullExpires,
      NatsPartitionLeases leases,
      NatsSubscription.PartitionConsumers consumers,
      InFlightDeliveries deliveries,
      NatsFlush flush) {
    this.vertx = vertx;
    this.context = context;
    this.group = group;
    this.topic = topic;
    this.pullExpires = pullExpires;
    this.leases = leases;
    this.consumers = consumers;
    this.deliveries = deliveries;
    this.flush = flush;
  }

  /**
   * Hands {@code o} over. The lease stays when {@code keepLease} says so once the partition is
   * settled: closing gives it up itself, after nak'ing what is left, and a lost lease is not ours.
   */
  Future<Void> giveUp(OwnedPartition o, BooleanSupplier keepLease) {
    int k = o.partition;
    o.consumer.stop();
    return pullEnded(o)
        .compose(v -> deliveries.partitionSettled(k))
        .compose(v -> NatsEventStream.bridge(context, flush.flush()))
        .compose(
            v -> {
              if (keepLease.getAsBoolean()) {
                return Future.succeededFuture();
              }
              o.released = true;
              return context.<Void>executeBlocking(
                  () -> {
                    leases.release(k);
                    o.consumer.close();
                    return null;
                  },
                  false);
            });
  }

  /**
   * Context: completes once the stopped consumer's open pull has ended, so that no more messages
   * are on their way, and every message it received has reached this context. Waits at most two
   * pull expiries.
   */
  Future<Void> pullEnded(OwnedPartition o) {
    Promise<Void> ended = Promise.promise();
    long deadline = System.nanoTime() + pullExpires.multipliedBy(2).toNanos();
    vertx.setPeriodic(
        20,
        id -> {
          boolean finished = o.consumer.isFinished();
          if (finished || System.nanoTime() > deadline) {
            vertx.cancelTimer(id);
            if (!finished) {
              log.warn(
                  "group {} on {}: pull of partition {} did not end in time",
                  group,
                  topic,
                  o.partition);
            }
            context.runOnContext(
                v -> ended.complete()); // after the deliveries jnats handed over before it ended
          }
        });
    // jnats ends a stopped consume by unsubscribing as soon as the pull's last message is read off
    // the socket, and its dispatcher then drops that message: it would be redelivered only after
    // the ack wait, behind newer ones. With one message out per partition, the one the server has
    // out is the last it delivered: if it never reached us, nak it now, so the next owner gets it
    // first.
    return ended
        .future()
        .compose(
            v -> {
              long last = deliveries.lastReceived(o.partition);
              return context
                  .<Void>executeBlocking(
                      () -> {
                        consumers.nakUnreceived(o.consumer, last);
                        return null;
                      },
                      false)
                  .recover(
                      error -> {
                        log.warn(
                            "group {} on {}: partition {} may have a message out until the ack wait: {}",
                            group,
                            topic,
                            o.partition,
                            error.toString());
                        return Future.succeededFuture();
                      });
            });
  }

  /** Closes {@code o}'s consumer at once, on a worker thread; a failure is only logged. */
  void closeConsumer(OwnedPartition o) {
    context
        .executeBlocking(
            () -> {
              o.consumer.close();
              return null;
            },
            false)
        .onFailure(
            e -> log.debug("closing consumer of partition {}: {}", o.partition, e.toString()));
  }
}

package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.nats.client.MessageConsumer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription of a {@link NatsEventStream}: a member of its group's durable consumer. Hands each
 * delivery to a {@link MessageDispatcher} (order per key, retries, dead letters), then acks it (handled or
 * dead-lettered) or naks it (not handled because the subscription closed, so JetStream redelivers at once);
 * keeps messages still waiting for their turn alive with in-progress acks.
 *
 * <p>Who calls it: {@link NatsEventStream#subscribe} creates and starts it, jnats hands it deliveries, and the
 * application or the stream's close closes it. Threads: {@link #receive} runs on the NATS dispatcher thread;
 * everything else on the subscribing context ({@link #close()} hops onto it).
 */
final class NatsSubscription implements Subscription {

  private static final Logger log = LoggerFactory.getLogger(NatsSubscription.class);

  private final Vertx vertx;
  private final String topic;
  private final String group;
  private final Context context;
  private final Duration ackWait;
  private final NatsFlush flush;
  /** Called once when closing starts, so that the stream stops counting this subscription. */
  private final Runnable onClosing;
  private final MessageDispatcher dispatcher;
  /** Delivered and neither acked nor nak'ed yet. Context only. */
  private final Set<InFlight> inFlight = new LinkedHashSet<>();
  private MessageConsumer consumer;
  private boolean closing;
  private long keepAliveTimer = -1;
  private Promise<Void> settled;
  private Future<Void> shutdown;

  /**
   * @param context     the subscribing context, where the handler runs
   * @param deadLetters publishes a dead letter (already addressed to the DLQ topic)
   */
  NatsSubscription(Vertx vertx, String topic, String group, Context context, SubscriptionOptions options,
                   MessageHandler handler, Function<Message, Future<Void>> deadLetters, Duration ackWait,
                   NatsFlush flush, Runnable onClosing) {
    this.vertx = vertx;
    this.topic = topic;
    this.group = group;
    this.context = context;
    this.ackWait = ackWait;
    this.flush = flush;
    this.onClosing = onClosing;
    this.dispatcher = new MessageDispatcher(context, group, options, handler, deadLetters);
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String group() {
    return group;
  }

  /** Context: consumption has started. */
  void started(MessageConsumer messageConsumer) {
    this.consumer = messageConsumer;
    // a message is refreshed at most two periods after the last time: well within the ack wait
    long period = Math.max(100, ackWait.toMillis() / 3);
    keepAliveTimer = vertx.setPeriodic(period, id -> keepAlive(period));
  }

  /** NATS dispatcher thread: decode, then continue on the subscribing context, in arrival order. */
  void receive(io.nats.client.Message delivery) {
    Message message;
    try {
      message = NatsEnvelope.message(delivery);
    } catch (RuntimeException e) {
      log.error("group {} cannot read a message on {}, terminating it: {}", group, delivery.getSubject(), e.toString());
      delivery.term();
      return;
    }
    context.runOnContext(v -> handle(delivery, message));
  }

  private void handle(io.nats.client.Message delivery, Message message) {
    if (closing) {
      settle(delivery, false);
      return;
    }
    InFlight entry = new InFlight(delivery, System.nanoTime());
    inFlight.add(entry);
    dispatcher.dispatch(message).onComplete(result -> {
      inFlight.remove(entry);
      settle(delivery, result.succeeded());
      if (inFlight.isEmpty() && settled != null) {
        settled.tryComplete();
      }
    });
  }

  private void settle(io.nats.client.Message delivery, boolean handled) {
    try {
      if (handled) {
        delivery.ack();
      } else {
        delivery.nak();
      }
    } catch (RuntimeException e) {
      // connection closed or reconnecting: JetStream redelivers after the ack wait
      log.debug("could not {} a message of group {}: {}", handled ? "ack" : "nak", group, e.toString());
    }
  }

  /** Tells JetStream that messages held longer than a third of the ack wait are still being worked on. */
  private void keepAlive(long periodMillis) {
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

  /** Any thread; completes on the caller's context. */
  @Override
  public Future<Void> close() {
    Context caller = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> shutdown().onComplete(result -> {
      if (Vertx.currentContext() == caller) {
        done.handle(result);
      } else {
        caller.runOnContext(x -> done.handle(result));
      }
    }));
    return done.future();
  }

  /** Context: stop pulling, let in-flight messages finish, flush their acks. Never fails. */
  Future<Void> shutdown() {
    if (shutdown != null) {
      return shutdown;
    }
    closing = true;
    onClosing.run();
    MessageConsumer pulling = consumer;
    // Unsubscribing (not stopping: a stopped consumer keeps its pull open until it expires) makes the
    // server stop delivering to this member at once. The durable consumer stays: it is the group's position.
    shutdown = context.<Void>executeBlocking(() -> {
          if (pulling != null) {
            pulling.close();
          }
          return null;
        }, false)
        .recover(error -> {
          log.warn("stopping consumer of group {} on {} failed: {}", group, topic, error.toString());
          return Future.succeededFuture();
        })
        .compose(v -> dispatcher.close())
        .compose(v -> allSettled())
        .compose(v -> {
          vertx.cancelTimer(keepAliveTimer);
          return NatsEventStream.bridge(context, flush.flush()); // acks are fire-and-forget: make sure they left
        })
        .recover(error -> {
          log.warn("acks of group {} on {} may not have reached NATS: {}", group, topic, error.toString());
          return Future.succeededFuture();
        });
    return shutdown;
  }

  private Future<Void> allSettled() {
    if (inFlight.isEmpty()) {
      return Future.succeededFuture();
    }
    settled = Promise.promise();
    return settled.future();
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

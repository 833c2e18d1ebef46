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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription of a {@link NatsEventStream}: a member of its group that owns some of the
 * topic's partitions (docs/adr/0009). It holds a lease per owned partition in {@link
 * NatsPartitionLeases}, pulls from that partition's durable consumer, and hands each delivery to a
 * {@link MessageDispatcher} (order per key, retries, dead letters), then acks it (handled or
 * dead-lettered).
 *
 * <p><b>Parts.</b> {@link PartitionOwnership} shares the partitions with the other members (see its
 * "Sharing"), {@link PartitionHandover} gives one up, and {@link InFlightDeliveries} keeps the
 * deliveries not yet settled.
 *
 * <p><b>Closing.</b> As giving up every partition, except that messages not yet handled are not
 * worked on: they are nak'ed, in stream order and only once no pull is open, so JetStream hands
 * them to the next owner before anything newer (a nak'ed message goes to the consumer's redelivery
 * queue, which is served first).
 *
 * <p>Who calls it: {@link NatsEventStream#subscribe} creates and starts it, jnats hands it
 * deliveries and KV changes, and the application or the stream's close closes it. Threads: {@link
 * #receive} and the watch run on jnats threads and hop onto the subscribing context, where
 * everything else runs; lease and consumer calls that block run on worker threads.
 */
final class NatsSubscription implements Subscription {

  private static final Logger log = LoggerFactory.getLogger(NatsSubscription.class);

  /** Starts pulling from one partition's durable consumer (worker thread). */
  interface PartitionConsumers {
    MessageConsumer consume(int partition) throws Exception;

    /**
     * After {@code consumer}'s pull ended: nak the message it has out beyond {@code lastReceived}
     * (a stream sequence), if any. Worker thread.
     */
    void nakUnreceived(MessageConsumer consumer, long lastReceived) throws Exception;
  }

  private final Vertx vertx;
  private final String topic;
  private final String group;
  private final Context context;
  private final Duration ackWait;
  private final NatsFlush flush;

  /** Called once when closing starts, so that the stream stops counting this subscription. */
  private final Runnable onClosing;

  private final MessageDispatcher dispatcher;
  private final InFlightDeliveries deliveries;
  private final PartitionOwnership ownership;

  private boolean closing;
  private long keepAliveTimer = -1;
  private Future<Void> shutdown;

  /**
   * @param context the subscribing context, where the handler runs
   * @param deadLetters publishes a dead letter (already addressed to the DLQ topic)
   */
  NatsSubscription(
      Vertx vertx,
      String topic,
      String group,
      Context context,
      SubscriptionOptions options,
      MessageHandler handler,
      Function<Message, Future<Void>> deadLetters,
      NatsSettings settings,
      Duration pullExpires,
      NatsPartitionLeases leases,
      PartitionConsumers consumers,
      NatsFlush flush,
      Runnable onClosing) {
    this.vertx = vertx;
    this.topic = topic;
    this.group = group;
    this.context = context;
    this.ackWait = settings.ackWait();
    this.flush = flush;
    this.onClosing = onClosing;
    this.dispatcher = new MessageDispatcher(context, group, options, handler, deadLetters);
    this.deliveries = new InFlightDeliveries(group, topic);
    PartitionHandover handover =
        new PartitionHandover(
            vertx, context, group, topic, pullExpires, leases, consumers, deliveries, flush);
    this.ownership =
        new PartitionOwnership(vertx, topic, group, context, settings, leases, consumers, handover);
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
   * Context: joins the group. Completes once this member holds its share of the partitions (see
   * {@link PartitionOwnership#join}), so that a group whose members subscribed has formed before
   * messages flow.
   */
  Future<Void> start() {
    // a message is refreshed at most two periods after the last time: well within the ack wait
    long period = Math.max(100, ackWait.toMillis() / 3);
    keepAliveTimer = vertx.setPeriodic(period, id -> deliveries.keepAlive(period));
    return ownership.join();
  }

  /** NATS dispatcher thread: decode, then continue on the subscribing context, in arrival order. */
  void receive(io.nats.client.Message delivery) {
    Message message;
    int partition = JetStreamNames.partitionOf(delivery.getSubject(), topic);
    if (partition < 0) {
      // Not one of our subjects (a make chaos run on a NATS cluster saw a few such redeliveries):
      // handing it to our handler would act on another topic's message. Its consumer gets it back.
      log.error(
          "group {} of {} was handed a message on {} ({}), giving it back",
          group,
          topic,
          delivery.getSubject(),
          delivery.getReplyTo());
      delivery.nakWithDelay(Duration.ofSeconds(1));
      return;
    }
    try {
      message = NatsEnvelope.message(delivery, topic);
    } catch (RuntimeException e) {
      log.error(
          "group {} cannot read a message on {}, terminating it: {}",
          group,
          delivery.getSubject(),
          e.toString());
      delivery.term();
      return;
    }
    context.runOnContext(v -> handle(delivery, message, partition));
  }

  private void handle(io.nats.client.Message delivery, Message message, int partition) {
    deliveries.received(delivery, partition);
    if (closing) {
      deliveries.nakLater(delivery);
      return;
    }
    deliveries.track(delivery, partition, () -> dispatcher.dispatch(message));
  }

  /** Any thread; completes on the caller's context. */
  @Override
  public Future<Void> close() {
    Context caller = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v ->
            shutdown()
                .onComplete(
                    result -> {
                      if (Vertx.currentContext() == caller) {
                        done.handle(result);
                      } else {
                        caller.runOnContext(x -> done.handle(result));
                      }
                    }));
    return done.future();
  }

  /**
   * Context: stop pulling, let in-flight messages finish, nak the rest in order, flush, then give
   * up the leases and the heartbeat (see the class comment, "Closing"). Never fails.
   */
  Future<Void> shutdown() {
    if (shutdown != null) {
      return shutdown;
    }
    closing = true;
    onClosing.run();
    shutdown =
        ownership
            .stopPulling()
            .compose(v -> dispatcher.close())
            .compose(v -> deliveries.allSettled())
            .compose(
                v -> {
                  vertx.cancelTimer(keepAliveTimer);
                  deliveries.nakInStreamOrder();
                  return NatsEventStream.bridge(
                      context, flush.flush()); // acks and naks are fire-and-forget
                })
            .recover(
                error -> {
                  log.warn(
                      "acks of group {} on {} may not have reached NATS: {}",
                      group,
                      topic,
                      error.toString());
                  return Future.succeededFuture();
                })
            .compose(v -> ownership.leave())
            .recover(
                error -> {
                  log.warn(
                      "group {} on {}: leases not given up (they expire): {}",
                      group,
                      topic,
                      error.toString());
                  return Future.succeededFuture();
                });
    return shutdown;
  }
}

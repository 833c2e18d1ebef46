package io.mallbots.core.messaging;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event stream of a service moving from one broker to another without a pause ({@code
 * EVENT_SERVER_TYPE=nats EVENT_SERVER_DRAIN_FROM=kafka}): it publishes to the new broker only, and
 * each subscription also reads the old broker, under the same topic and group, until the group has
 * no lag there (see {@link DrainingSubscription}); then it closes that one and logs {@code drained
 * <topic> of group <group> from <old>}, and once every subscription is drained, {@code drained from
 * <old>}. The gauge {@code mallbots_broker_drain_remaining_subscriptions} counts those still
 * reading the old broker.
 *
 * <p>A message that arrives on both brokers acts once: the handlers' inboxes see to that. Dead
 * letters of the old subscriptions go to the new broker ({@link
 * SubscriptionOptions#withDeadLetterBroker}). Messages of one aggregate keep their order within
 * each broker; across the two only as far as one causes the other, so read models guard with
 * aggregate versions. {@link #ping()} asks the new broker only: the old one being down stalls the
 * drain, not the service. Any thread, as every stream.
 */
public final class DrainingEventStream implements EventStream {

  private static final Logger log = LoggerFactory.getLogger(DrainingEventStream.class);

  /** How often a subscription asks the old broker for its lag, unless told otherwise. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final EventStream target;
  private final EventStream source;
  private final BrokerLag sourceLag;
  private final String from;
  private final String service;
  private final Duration checkInterval;
  private final AtomicLong remaining;
  private final Set<DrainingSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private Future<Void> closing;

  /**
   * @param target the new broker: every publish, every subscription
   * @param source the old broker, read until drained; closed with this stream
   * @param sourceLag how far a group is behind on {@code source}; closed with this stream
   * @param from the old broker's name for logs and metrics, e.g. {@code kafka}
   * @param service the service, for the metrics' tags
   */
  public DrainingEventStream(
      Vertx vertx,
      EventStream target,
      EventStream source,
      BrokerLag sourceLag,
      String from,
      String service,
      Duration checkInterval) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.target = Objects.requireNonNull(target, "target");
    this.source = Objects.requireNonNull(source, "source");
    this.sourceLag = Objects.requireNonNull(sourceLag, "sourceLag");
    this.from = Objects.requireNonNull(from, "from");
    this.service = Objects.requireNonNull(service, "service");
    this.checkInterval = Objects.requireNonNull(checkInterval, "checkInterval");
    this.remaining = DrainMetrics.remaining(service, from);
  }

  @Override
  public Future<Void> publish(List<Message> messages) {
    return target.publish(messages);
  }

  /**
   * Subscribes on the new broker, then, in the background, on the old one (retried while it fails);
   * completes once the new subscription receives, so an old broker slow to answer delays no start.
   */
  @Override
  public Future<Subscription> subscribe(
      String topic, String group, SubscriptionOptions options, MessageHandler handler) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    Context context = vertx.getOrCreateContext();
    return target
        .subscribe(topic, group, options, handler)
        .compose(
            current -> {
              var draining =
                  new DrainingSubscription(this, context, current, options, handler, checkInterval);
              subscriptions.add(draining);
              remaining.incrementAndGet();
              draining.start();
              return Future.succeededFuture(draining);
            });
  }

  @Override
  public Future<Void> ping() {
    return target.ping();
  }

  /** Closes every subscription, then both brokers and the lag probe. Idempotent. */
  @Override
  public synchronized Future<Void> close() {
    if (closing != null) {
      return closing;
    }
    closed = true;
    closing =
        Future.join(subscriptions.stream().map(DrainingSubscription::close).toList())
            .eventually(() -> Future.join(target.close(), source.close()))
            .eventually(sourceLag::close)
            .<Void>mapEmpty()
            .recover(
                error -> {
                  log.warn("closing the draining event stream: {}", String.valueOf(error));
                  return Future.succeededFuture();
                });
    return closing;
  }

  /** Subscriptions still reading the old broker. */
  public int remaining() {
    return (int) subscriptions.stream().filter(s -> !s.drained()).count();
  }

  /** The name of the broker being drained, e.g. {@code kafka}. */
  public String from() {
    return from;
  }

  EventStream target() {
    return target;
  }

  EventStream source() {
    return source;
  }

  BrokerLag sourceLag() {
    return sourceLag;
  }

  /** {@code subscription} closed its old half because the group had no lag there. */
  synchronized void drained(DrainingSubscription subscription) {
    if (!subscriptions.contains(subscription)) {
      return;
    }
    remaining.decrementAndGet();
    if (remaining() == 0) {
      log.info(
          "drained from {}: all {} subscriptions of {} closed there",
          from,
          subscriptions.size(),
          service);
    }
  }

  /** {@code subscription} closed; if it had not drained, it no longer counts as remaining. */
  synchronized void forget(DrainingSubscription subscription) {
    if (subscriptions.remove(subscription) && !subscription.drained()) {
      remaining.decrementAndGet();
    }
  }
}

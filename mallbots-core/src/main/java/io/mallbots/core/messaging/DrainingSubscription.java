package io.mallbots.core.messaging;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription of a {@link DrainingEventStream}: the group's subscription on the new broker,
 * plus, until the group has no lag there, its subscription on the old broker with the same topic,
 * group and handler (so it resumes where the old run stopped).
 *
 * <p>Every {@link DrainingEventStream#checkInterval()} it asks the old broker for the group's lag;
 * when two checks in a row find none, it closes the old subscription and logs it. Nothing publishes
 * to the old broker any more, so a lag that is zero twice stays zero. Until the old subscription is
 * up it tries again every check interval (the old broker may be down for a while). Confined to the
 * subscribing context; {@link #close()} hops onto it.
 */
final class DrainingSubscription implements Subscription {

  private static final Logger log = LoggerFactory.getLogger(DrainingSubscription.class);

  /** Checks in a row that must find no lag before the old subscription is closed. */
  static final int ZERO_CHECKS = 2;

  private final DrainingEventStream stream;
  private final Context context;
  private final Subscription current;
  private final String topic;
  private final String group;
  private final SubscriptionOptions oldOptions;
  private final MessageHandler handler;
  private final long interval;

  private Subscription old;
  private long timer = -1;
  private int zeroChecks;
  private volatile boolean drained;
  private boolean closing;
  private Future<Void> closed;

  DrainingSubscription(
      DrainingEventStream stream,
      Context context,
      Subscription current,
      SubscriptionOptions options,
      MessageHandler handler,
      Duration interval) {
    this.stream = stream;
    this.context = context;
    this.current = current;
    this.topic = current.topic();
    this.group = current.group();
    // Dead letters of the old side go to the new broker, where operators look for them.
    this.oldOptions = options.withDeadLetterBroker(stream.target()::publish);
    this.handler = handler;
    this.interval = Math.max(1, interval.toMillis());
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String group() {
    return group;
  }

  /** True once the old subscription was closed because the group had no lag there. */
  boolean drained() {
    return drained;
  }

  /** Subscribes on the old broker; on the subscribing context. A failed try is repeated later. */
  void start() {
    subscribeOld();
  }

  private Future<Void> subscribeOld() {
    timer = -1;
    if (closing) {
      return Future.succeededFuture();
    }
    return stream
        .source()
        .subscribe(topic, group, oldOptions, handler)
        .transform(
            result -> {
              if (result.failed()) {
                if (!closing) {
                  log.warn(
                      "could not subscribe {} to {} on {} to drain it (trying again): {}",
                      group,
                      topic,
                      stream.from(),
                      String.valueOf(result.cause()));
                  timer = context.owner().setTimer(interval, id -> subscribeOld());
                }
              } else if (closing) {
                return result.result().close();
              } else {
                old = result.result();
                log.info("draining {} of group {} from {}", topic, group, stream.from());
                timer = context.owner().setTimer(interval, id -> check());
              }
              return Future.succeededFuture();
            });
  }

  private void check() {
    timer = -1;
    if (closing) {
      return;
    }
    stream
        .sourceLag()
        .lag(topic, group)
        .onComplete(
            result -> {
              if (closing) {
                return;
              }
              if (result.failed()) {
                zeroChecks = 0;
                log.warn(
                    "lag of {} on {} in {} unknown: {}",
                    group,
                    topic,
                    stream.from(),
                    String.valueOf(result.cause()));
              } else {
                long lag = result.result();
                DrainMetrics.lag(stream.from(), topic, group).set(lag);
                zeroChecks = lag == 0 ? zeroChecks + 1 : 0;
              }
              if (zeroChecks >= ZERO_CHECKS) {
                closeOld();
              } else {
                timer = context.owner().setTimer(interval, id -> check());
              }
            });
  }

  private void closeOld() {
    Subscription done = old;
    old = null;
    done.close()
        .onComplete(
            v -> {
              if (closing) {
                return;
              }
              drained = true;
              log.info(
                  "drained {} of group {} from {}: its subscription there is closed",
                  topic,
                  group,
                  stream.from());
              stream.drained(this);
            });
  }

  /** Closes both subscriptions (messages in flight finish first). Any thread; idempotent. */
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
    if (timer >= 0) {
      context.owner().cancelTimer(timer);
      timer = -1;
    }
    Subscription open = old;
    old = null;
    closed =
        Future.join(current.close(), open == null ? Future.<Void>succeededFuture() : open.close())
            .<Void>mapEmpty()
            .onComplete(v -> stream.forget(this));
    return closed;
  }
}

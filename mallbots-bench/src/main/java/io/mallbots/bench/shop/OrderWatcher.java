package io.mallbots.bench.shop;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderRejected;
import io.mallbots.ordering.v1.OrderingContract;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Learns what became of a checkout by watching ordering's events on the system's broker, under its
 * {@code EVENT_NAMESPACE}, with a subscriber group of its own: {@code OrderCreated} names the order
 * made from a payment, {@code OrderApproved} / {@code OrderRejected} tell how its saga ended. A
 * checkout is followed by its payment id, which is unique per order. Not thread-safe: create,
 * follow and forget on the one context the benchmark drives from (the subscription delivers there
 * too).
 *
 * <p>It calls no RPC, so no access token is involved: like the services, it reaches the broker with
 * the system's broker settings, and a consumer group of its own takes nothing from theirs. What the
 * shopper is shown (the approval check against search or ordering) is asked with the shopper's own
 * token. A service token would not fit: signing one takes {@code SERVICE_TOKEN_KEY}, which a client
 * of the mall must not hold, and it acts for all shoppers, which would skip the very authorization
 * checks real clients go through.
 */
public final class OrderWatcher {

  /** Where ordering publishes its order events. */
  public static final String ORDER_TOPIC = OrderingContract.ORDER_EVENTS;

  private final EventStream stream;
  private final Map<String, FollowedOrder> followed = new HashMap<>();
  private Subscription subscription;

  /** Streams on other brokers ({@link #alsoWatch}), each with its subscription. */
  private final List<EventStream> others = new ArrayList<>();

  private final List<Subscription> otherSubscriptions = new ArrayList<>();

  private OrderWatcher(EventStream stream) {
    this.stream = stream;
  }

  /**
   * Connects to the broker and subscribes; completes when events flow. Call on the driving context.
   */
  public static Future<OrderWatcher> start(Vertx vertx, CoreSettings broker) {
    return EventStreams.connect(vertx, broker)
        .compose(
            stream -> {
              OrderWatcher watcher = new OrderWatcher(stream);
              String group = "bench-orders-" + UUID.randomUUID().toString().substring(0, 8);
              return stream
                  .subscribe(
                      ORDER_TOPIC,
                      group,
                      SubscriptionOptions.DEFAULTS.withMaxInFlight(256),
                      watcher::seen)
                  .map(
                      subscription -> {
                        watcher.subscription = subscription;
                        return watcher;
                      });
            });
  }

  /**
   * Starts following the order that will be made from {@code paymentId}; call before checking out.
   */
  public FollowedOrder follow(String paymentId) {
    FollowedOrder order = new FollowedOrder();
    followed.put(paymentId, order);
    return order;
  }

  /** Stops following a checkout (done, failed or given up). */
  public void forget(String paymentId) {
    followed.remove(paymentId);
  }

  /**
   * Watches ordering's events on another broker as well, for a system that moves to it (a broker
   * swap): events already on the first broker and those on the new one both reach the followed
   * checkouts (each completes once). Call on the driving context.
   */
  public Future<Void> alsoWatch(Vertx vertx, CoreSettings broker) {
    return EventStreams.connect(vertx, broker)
        .compose(
            other -> {
              others.add(other);
              String group = "bench-orders-" + UUID.randomUUID().toString().substring(0, 8);
              return other.subscribe(
                  ORDER_TOPIC,
                  group,
                  SubscriptionOptions.DEFAULTS.withMaxInFlight(256),
                  this::seen);
            })
        .map(
            added -> {
              otherSubscriptions.add(added);
              return null;
            });
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    otherSubscriptions.forEach(other -> closing.add(other.close()));
    if (subscription != null) {
      closing.add(subscription.close());
    }
    return Future.join(closing)
        .transform(
            closed -> {
              List<Future<Void>> streams = new ArrayList<>();
              others.forEach(other -> streams.add(other.close()));
              streams.add(stream.close());
              return Future.join(streams).mapEmpty();
            });
  }

  private Future<Void> seen(Message event) {
    try {
      switch (event.name()) {
        case OrderingContract.Names.ORDER_CREATED -> {
          OrderCreated created = OrderingContract.ORDER_CREATED.parse(event.payload());
          FollowedOrder order = followed.get(created.getPaymentId());
          if (order != null) {
            order.created.tryComplete(created.getId());
          }
        }
        case OrderingContract.Names.ORDER_APPROVED -> {
          OrderApproved approved = OrderingContract.ORDER_APPROVED.parse(event.payload());
          FollowedOrder order = followed.get(approved.getPaymentId());
          if (order != null) {
            order.created.tryComplete(approved.getId());
            order.approved.tryComplete(approved.getId());
          }
        }
        case OrderingContract.Names.ORDER_REJECTED -> {
          OrderRejected rejected = OrderingContract.ORDER_REJECTED.parse(event.payload());
          FollowedOrder order = followed.get(rejected.getPaymentId());
          if (order != null) {
            order.created.tryComplete(rejected.getId());
            order.approved.tryFail(new OrderRejectedException(rejected.getCode()));
          }
        }
        default -> {
          // other order events say nothing about approval
        }
      }
    } catch (InvalidProtocolBufferException unreadable) {
      // Not ours to dead-letter: the services' own subscribers judge the event.
    }
    return Future.succeededFuture();
  }

  /** One followed checkout: the order made from it, and the end of its saga. */
  public static final class FollowedOrder {

    private final Promise<String> created = Promise.promise();
    private final Promise<String> approved = Promise.promise();

    /** Succeeds with the order id once ordering created the order. */
    public Future<String> created() {
      return created.future();
    }

    /**
     * Succeeds with the order id when ordering approved it; fails with {@link
     * OrderRejectedException}.
     */
    public Future<String> approved() {
      return approved.future();
    }
  }

  /** Ordering rejected the order; {@link #code()} is the failing step's code. */
  public static final class OrderRejectedException extends RuntimeException {

    private final String code;

    public OrderRejectedException(String code) {
      super("order rejected: " + code, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}

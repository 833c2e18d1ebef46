package io.mallbots.core.messaging.memory;

import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connection to an in-JVM {@link MemoryBroker}, with the guarantees of the real adapters: for
 * unit tests and single-JVM demos. Handlers run on the context that subscribed.
 */
public final class MemoryEventStream implements EventStream {

  private final Vertx vertx;
  private final MemoryBroker broker;
  private final List<Member> members = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** A stream with a broker of its own. */
  public MemoryEventStream(Vertx vertx) {
    this(vertx, new MemoryBroker());
  }

  /** A stream on a shared broker. */
  public MemoryEventStream(Vertx vertx, MemoryBroker broker) {
    this.vertx = vertx;
    this.broker = broker;
  }

  @Override
  public Future<Void> publish(List<Message> messages) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    broker.append(messages);
    return Future.succeededFuture();
  }

  @Override
  public Future<Subscription> subscribe(
      String topic, String group, SubscriptionOptions options, MessageHandler handler) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    Context context = vertx.getOrCreateContext();
    var member =
        new Member(
            topic,
            group,
            context,
            options.maxInFlight(),
            new MessageDispatcher(context, group, options, handler, this::publish));
    members.add(member);
    broker.join(member);
    return Future.succeededFuture(member);
  }

  @Override
  public Future<Void> ping() {
    return closed ? Future.failedFuture("event stream closed") : Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.join(members.stream().map(Member::close).toList()).mapEmpty();
  }

  /** One subscription: a member of its group in the broker. */
  final class Member implements Subscription {
    private final String topic;
    private final String group;
    private final Context context;
    private final int maxInFlight;
    private final MessageDispatcher dispatcher;

    /** Guarded by the broker's lock. */
    int pending;

    Member(
        String topic,
        String group,
        Context context,
        int maxInFlight,
        MessageDispatcher dispatcher) {
      this.topic = topic;
      this.group = group;
      this.context = context;
      this.maxInFlight = maxInFlight;
      this.dispatcher = dispatcher;
    }

    int maxInFlight() {
      return maxInFlight;
    }

    void deliver(Message message) {
      context.runOnContext(
          v ->
              dispatcher
                  .dispatch(message)
                  .onComplete(result -> broker.finished(this, message, result.succeeded())));
    }

    @Override
    public String topic() {
      return topic;
    }

    @Override
    public String group() {
      return group;
    }

    @Override
    public Future<Void> close() {
      members.remove(this);
      broker.leave(this);
      return Future.future(done -> context.runOnContext(v -> dispatcher.close().onComplete(done)));
    }
  }
}

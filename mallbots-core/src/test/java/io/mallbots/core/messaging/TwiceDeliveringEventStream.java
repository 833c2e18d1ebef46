package io.mallbots.core.messaging;

import io.vertx.core.Future;
import java.util.List;

/**
 * Hands every delivered message to its handler twice, one after the other, as a broker may after a
 * lost acknowledgement: fault injection for proving that every handler is idempotent. Tests put it
 * around a service's stream with {@code
 * ServiceVerticle.decorateStream(TwiceDeliveringEventStream::new)}.
 */
public final class TwiceDeliveringEventStream implements EventStream {

  private final EventStream broker;

  public TwiceDeliveringEventStream(EventStream broker) {
    this.broker = broker;
  }

  @Override
  public Future<Void> publish(List<Message> messages) {
    return broker.publish(messages);
  }

  @Override
  public Future<Subscription> subscribe(
      String topic, String group, SubscriptionOptions options, MessageHandler handler) {
    return broker.subscribe(
        topic,
        group,
        options,
        message -> handler.handle(message).compose(v -> handler.handle(message)));
  }

  @Override
  public Future<Void> ping() {
    return broker.ping();
  }

  @Override
  public Future<Void> close() {
    return broker.close();
  }
}

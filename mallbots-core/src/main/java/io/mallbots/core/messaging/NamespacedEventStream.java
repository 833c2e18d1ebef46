package io.mallbots.core.messaging;

import io.vertx.core.Future;
import java.util.List;

/**
 * Puts every topic and group of a stream under a namespace ({@code EVENT_NAMESPACE}), so that
 * several independent systems — test runs, benchmark runs — can share one broker without seeing
 * each other's messages. Handlers see the plain topic names.
 */
public final class NamespacedEventStream implements EventStream {

  private final EventStream broker;
  private final String prefix;

  public NamespacedEventStream(EventStream broker, String namespace) {
    this.broker = broker;
    this.prefix = namespace + ".";
  }

  @Override
  public Future<Void> publish(List<Message> messages) {
    return broker.publish(messages.stream().map(m -> m.toTopic(prefix + m.topic())).toList());
  }

  @Override
  public Future<Subscription> subscribe(
      String topic, String group, SubscriptionOptions options, MessageHandler handler) {
    return broker.subscribe(
        prefix + topic,
        prefix + group,
        options,
        message -> handler.handle(message.toTopic(strip(message.topic()))));
  }

  @Override
  public Future<Void> ping() {
    return broker.ping();
  }

  @Override
  public Future<Void> close() {
    return broker.close();
  }

  private String strip(String topic) {
    return topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
  }
}

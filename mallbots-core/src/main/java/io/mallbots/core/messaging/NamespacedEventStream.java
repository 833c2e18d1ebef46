package io.mallbots.core.messaging;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
    MessageHandler one = message -> handler.handle(message.toTopic(strip(message.topic())));
    return broker.subscribe(
        prefix + topic,
        prefix + group,
        options,
        handler instanceof BatchHandler batched
            ? BatchHandler.of(one, batch -> batched.handleBatch(stripped(batch)))
            : one);
  }

  /** The batch as the handler sees it; each message's span is still that of the broker's copy. */
  private MessageBatch stripped(MessageBatch batch) {
    Map<Message, Message> original = new IdentityHashMap<>();
    List<Message> plain = new ArrayList<>();
    for (Message message : batch.messages()) {
      Message seen = message.toTopic(strip(message.topic()));
      original.put(seen, message);
      plain.add(seen);
    }
    return new MessageBatch() {
      @Override
      public List<Message> messages() {
        return plain;
      }

      @Override
      public Future<Void> handling(Message message, Supplier<Future<Void>> work) {
        return batch.handling(original.getOrDefault(message, message), work);
      }
    };
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

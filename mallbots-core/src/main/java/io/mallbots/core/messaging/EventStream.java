package io.mallbots.core.messaging;

import io.vertx.core.Future;
import java.util.List;

/**
 * The asynchronous channel between services: publish messages to topics, subscribe groups to
 * topics.
 *
 * <p>Guarantees every adapter gives (the contract suite checks them): at-least-once delivery; order
 * per {@link Message#aggregateId()} within a group; every group gets every message (fan-out) while
 * the members of one group share them (load balancing); a group's position is durable, so a
 * subscriber that comes back gets what was published while it was away; a failed handler is retried
 * with backoff and after {@link SubscriptionOptions#maxAttempts()} the message goes to {@code
 * <topic>.dlq}; metadata arrives as published.
 *
 * <p>Adapters: Kafka, NATS JetStream and in-memory (tests). Methods may be called from any Vert.x
 * context; futures complete on the caller's context.
 */
public interface EventStream {

  /** Publishes one message; completes when the broker has stored it. */
  default Future<Void> publish(Message message) {
    return publish(List.of(message));
  }

  /** Publishes messages in order; completes when the broker has stored all of them. */
  Future<Void> publish(List<Message> messages);

  /**
   * Subscribes {@code group} to {@code topic}. Must be called from the verticle that owns the
   * handler: the handler runs on that verticle's event loop. Completes when the subscription
   * receives.
   */
  Future<Subscription> subscribe(
      String topic, String group, SubscriptionOptions options, MessageHandler handler);

  default Future<Subscription> subscribe(String topic, String group, MessageHandler handler) {
    return subscribe(topic, group, SubscriptionOptions.DEFAULTS, handler);
  }

  /** Succeeds when the broker answers; used by readiness checks. */
  Future<Void> ping();

  /** Closes every subscription, then the connections. */
  Future<Void> close();

  /** The dead-letter topic of {@code topic}. */
  static String deadLetterTopic(String topic) {
    return topic + ".dlq";
  }
}

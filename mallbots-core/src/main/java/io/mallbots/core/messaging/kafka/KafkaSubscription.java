package io.mallbots.core.messaging.kafka;

import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.Subscription;
import io.vertx.core.Future;

/**
 * One subscriber group's subscription to one topic, read by a {@link KafkaMember} that may read
 * other topics for other subscriptions of the same service.
 */
final class KafkaSubscription implements Subscription {

  private final String topic;
  private final String group;
  private final MessageDispatcher dispatcher;
  private final KafkaMember member;

  KafkaSubscription(String topic, String group, MessageDispatcher dispatcher, KafkaMember member) {
    this.topic = topic;
    this.group = group;
    this.dispatcher = dispatcher;
    this.member = member;
  }

  @Override
  public String topic() {
    return topic;
  }

  /** The subscriber group: the inbox's and the dead letters' name, not always the Kafka group. */
  @Override
  public String group() {
    return group;
  }

  MessageDispatcher dispatcher() {
    return dispatcher;
  }

  /** Lets the messages in flight finish; the member closes with its last subscription. */
  @Override
  public Future<Void> close() {
    return member.close(this);
  }
}

package io.mallbots.core.messaging;

import io.vertx.core.Future;

/**
 * How far a subscriber group is behind on a topic of one broker: what a {@link DrainingEventStream}
 * waits on before it closes its subscription there. Each adapter package has its own ({@code
 * KafkaGroupLag}, {@code NatsGroupLag}). Any thread; futures complete on the caller's context.
 */
public interface BrokerLag {

  /**
   * Messages of {@code topic} that {@code group} has not finished: not yet delivered, or delivered
   * and neither acknowledged nor committed. Zero means the group has handled everything the broker
   * holds for it.
   */
  Future<Long> lag(String topic, String group);

  /** Closes the connection the probe uses. */
  Future<Void> close();
}

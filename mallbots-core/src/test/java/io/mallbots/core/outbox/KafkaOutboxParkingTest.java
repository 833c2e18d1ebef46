package io.mallbots.core.outbox;

import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.kafka.KafkaEventStream;
import io.mallbots.core.messaging.kafka.KafkaSettings;
import io.vertx.core.Vertx;

/**
 * Parking and replay on the Kafka broker at {@code KAFKA_BROKERS} (default {@code 127.0.0.1:9092}).
 */
class KafkaOutboxParkingTest extends OutboxParkingContract {

  private static final String BROKERS =
      System.getenv().getOrDefault("KAFKA_BROKERS", StandardPorts.kafkaBrokers());

  @Override
  protected EventStream newStream(Vertx vertx) {
    return KafkaEventStream.connect(vertx, KafkaSettings.of(BROKERS).withClientIdPrefix("parking"))
        .await();
  }
}

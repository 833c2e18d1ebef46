package io.mallbots.core.messaging.kafka;

import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.messaging.BatchedDeliveryContract;
import io.mallbots.core.messaging.EventStream;
import io.vertx.core.Vertx;

/** Batched delivery on the Kafka broker at {@code KAFKA_BROKERS}. */
class KafkaBatchedDeliveryTest extends BatchedDeliveryContract {

  private static final String BROKERS =
      System.getenv().getOrDefault("KAFKA_BROKERS", StandardPorts.kafkaBrokers());

  @Override
  protected EventStream newStream(Vertx vertx) {
    return KafkaEventStream.connect(vertx, KafkaSettings.of(BROKERS).withClientIdPrefix("batched"))
        .await();
  }
}

package io.mallbots.core.messaging.kafka;

import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreamContract;
import io.vertx.core.Vertx;

/**
 * The contract suite against a real Kafka broker at {@code KAFKA_BROKERS} (default {@code
 * 127.0.0.1:9092}, started by {@code scripts/kafka-broker.sh}). Each test uses topics of its own,
 * so runs do not interfere.
 */
class KafkaEventStreamContractTest extends EventStreamContract {

  private static final String BROKERS =
      System.getenv().getOrDefault("KAFKA_BROKERS", StandardPorts.kafkaBrokers());

  @Override
  protected EventStream newStream(Vertx vertx) {
    return KafkaEventStream.connect(vertx, KafkaSettings.of(BROKERS).withClientIdPrefix("contract"))
        .await();
  }
}

package io.mallbots.payments.agent;

/** The events contract on Kafka (KAFKA_BROKERS, 127.0.0.1:9092 by default). */
class PublishedEventsOnKafkaTest extends PublishedEventsContract {

  @Override
  String eventServer() {
    return "kafka";
  }
}

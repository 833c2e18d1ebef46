package io.mallbots.ordering.agent;

/** The broker contract on Kafka (KAFKA_BROKERS, 127.0.0.1:9092 by default). */
class OrderingOnKafkaTest extends OrderingOnTheBrokerContract {

  @Override
  String eventServer() {
    return "kafka";
  }
}

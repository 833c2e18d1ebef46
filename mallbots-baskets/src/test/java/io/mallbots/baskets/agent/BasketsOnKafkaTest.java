package io.mallbots.baskets.agent;

/** The broker contract on Kafka (KAFKA_BROKERS, 127.0.0.1:9092 by default). */
class BasketsOnKafkaTest extends BasketsOnTheBrokerContract {

  @Override
  String eventServer() {
    return "kafka";
  }
}

package io.mallbots.search.agent;

/** The broker contract on Kafka (KAFKA_BROKERS, 127.0.0.1:9092 by default). */
class SearchOnKafkaTest extends SearchOnTheBrokerContract {

  @Override
  String eventServer() {
    return "kafka";
  }
}

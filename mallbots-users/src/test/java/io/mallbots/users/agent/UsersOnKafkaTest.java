package io.mallbots.users.agent;

/** The broker contract on Kafka (KAFKA_BROKERS, 127.0.0.1:9092 by default). */
class UsersOnKafkaTest extends UsersOnTheBrokerContract {

  @Override
  String eventServer() {
    return "kafka";
  }
}

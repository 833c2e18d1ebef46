package io.mallbots.notifications.agent;

/** The broker contract on Kafka (KAFKA_BROKERS, 127.0.0.1:9092 by default). */
class NotificationsOnKafkaTest extends NotificationsOnTheBrokerContract {

  @Override
  String eventServer() {
    return "kafka";
  }
}

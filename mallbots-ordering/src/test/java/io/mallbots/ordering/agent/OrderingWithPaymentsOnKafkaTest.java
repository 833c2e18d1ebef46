package io.mallbots.ordering.agent;

/** The saga against the real payments, on Kafka (KAFKA_BROKERS, 127.0.0.1:9092 by default). */
class OrderingWithPaymentsOnKafkaTest extends OrderingWithPaymentsOnTheBrokerContract {

  @Override
  String eventServer() {
    return "kafka";
  }
}

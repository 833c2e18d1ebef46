package io.mallbots.ordering.agent;

/** The broker contract on NATS JetStream (NATS_URL, nats://127.0.0.1:4222 by default). */
class OrderingOnNatsTest extends OrderingOnTheBrokerContract {

  @Override
  String eventServer() {
    return "nats";
  }
}

package io.mallbots.ordering.agent;

/**
 * The saga against the real payments, on NATS JetStream (NATS_URL, nats://127.0.0.1:4222 by
 * default).
 */
class OrderingWithPaymentsOnNatsTest extends OrderingWithPaymentsOnTheBrokerContract {

  @Override
  String eventServer() {
    return "nats";
  }
}

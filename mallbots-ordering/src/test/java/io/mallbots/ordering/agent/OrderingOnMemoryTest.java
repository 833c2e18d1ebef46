package io.mallbots.ordering.agent;

/** The broker contract on the in-JVM broker. */
class OrderingOnMemoryTest extends OrderingOnTheBrokerContract {

  @Override
  String eventServer() {
    return "memory";
  }
}

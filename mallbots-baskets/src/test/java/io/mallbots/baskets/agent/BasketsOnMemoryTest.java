package io.mallbots.baskets.agent;

/** The broker contract on the in-JVM broker. */
class BasketsOnMemoryTest extends BasketsOnTheBrokerContract {

  @Override
  String eventServer() {
    return "memory";
  }
}

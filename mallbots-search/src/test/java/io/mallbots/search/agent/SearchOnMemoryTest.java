package io.mallbots.search.agent;

/** The broker contract on the in-JVM broker. */
class SearchOnMemoryTest extends SearchOnTheBrokerContract {

  @Override
  String eventServer() {
    return "memory";
  }
}

package io.mallbots.search.agent;

/** The broker contract on NATS JetStream (NATS_URL, nats://127.0.0.1:4222 by default). */
class SearchOnNatsTest extends SearchOnTheBrokerContract {

  @Override
  String eventServer() {
    return "nats";
  }
}

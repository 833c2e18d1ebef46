package io.mallbots.stores.events;

/** The events through the outbox to the real NATS JetStream server. */
class NatsStoresEventsTest extends StoresEventsContract {

  @Override
  protected String eventServer() {
    return "nats";
  }
}

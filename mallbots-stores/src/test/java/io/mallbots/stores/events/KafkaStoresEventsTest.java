package io.mallbots.stores.events;

/** The events through the outbox to the real Kafka broker. */
class KafkaStoresEventsTest extends StoresEventsContract {

  @Override
  protected String eventServer() {
    return "kafka";
  }
}

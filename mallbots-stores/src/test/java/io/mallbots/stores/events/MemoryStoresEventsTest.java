package io.mallbots.stores.events;

/** The events through the in-JVM broker. */
class MemoryStoresEventsTest extends StoresEventsContract {

  @Override
  protected String eventServer() {
    return "memory";
  }
}

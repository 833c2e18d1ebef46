package io.mallbots.payments.agent;

/** The events contract on the in-JVM broker. */
class PublishedEventsOnMemoryTest extends PublishedEventsContract {

  @Override
  String eventServer() {
    return "memory";
  }
}

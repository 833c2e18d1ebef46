package io.mallbots.notifications.agent;

/** The broker contract on the in-JVM broker. */
class NotificationsOnMemoryTest extends NotificationsOnTheBrokerContract {

  @Override
  String eventServer() {
    return "memory";
  }
}

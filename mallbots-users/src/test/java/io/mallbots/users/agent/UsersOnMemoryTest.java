package io.mallbots.users.agent;

/** The broker contract on the in-JVM broker. */
class UsersOnMemoryTest extends UsersOnTheBrokerContract {

  @Override
  String eventServer() {
    return "memory";
  }
}

package io.mallbots.users.agent;

/** The broker contract on NATS JetStream (NATS_URL, nats://127.0.0.1:4222 by default). */
class UsersOnNatsTest extends UsersOnTheBrokerContract {

  @Override
  String eventServer() {
    return "nats";
  }
}

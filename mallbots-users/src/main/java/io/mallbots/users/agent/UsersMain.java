package io.mallbots.users.agent;

import io.mallbots.core.agent.ServiceLauncher;

/**
 * Runs the users service in a JVM of its own: {@code java -cp ...
 * io.mallbots.users.agent.UsersMain}.
 */
public final class UsersMain {

  private UsersMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(UsersVerticle.SERVICE, UsersVerticle::new);
  }
}

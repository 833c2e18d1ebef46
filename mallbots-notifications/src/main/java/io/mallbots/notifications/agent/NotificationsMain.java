package io.mallbots.notifications.agent;

import io.mallbots.core.agent.ServiceLauncher;

/** Runs the notifications service in its own JVM: settings from app.env and the environment. */
public final class NotificationsMain {

  private NotificationsMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(NotificationsVerticle.SERVICE, NotificationsVerticle::new);
  }
}

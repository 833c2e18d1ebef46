package io.mallbots.ordering.agent;

import io.mallbots.core.agent.ServiceLauncher;

/** Runs the ordering service in its own JVM: settings from app.env and the environment. */
public final class OrderingMain {

  private OrderingMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(OrderingVerticle.SERVICE, OrderingVerticle::new);
  }
}

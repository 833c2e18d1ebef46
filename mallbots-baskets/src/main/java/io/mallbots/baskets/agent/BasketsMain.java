package io.mallbots.baskets.agent;

import io.mallbots.core.agent.ServiceLauncher;

/** Runs the baskets service in its own JVM: settings from app.env and the environment. */
public final class BasketsMain {

  private BasketsMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(BasketsVerticle.SERVICE, BasketsVerticle::new);
  }
}

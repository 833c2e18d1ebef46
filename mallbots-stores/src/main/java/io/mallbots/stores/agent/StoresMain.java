package io.mallbots.stores.agent;

import io.mallbots.core.agent.ServiceLauncher;

/** Runs the stores service in its own JVM. */
public final class StoresMain {

  private StoresMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(StoresVerticle.SERVICE, StoresVerticle::new);
  }
}

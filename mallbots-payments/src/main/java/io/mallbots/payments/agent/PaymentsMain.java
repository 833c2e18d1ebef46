package io.mallbots.payments.agent;

import io.mallbots.core.agent.ServiceLauncher;

/** Runs the payments service in its own JVM: settings from app.env and the environment. */
public final class PaymentsMain {

  private PaymentsMain() {}

  public static void main(String[] args) {
    ServiceLauncher.launch(PaymentsVerticle.SERVICE, PaymentsVerticle::new);
  }
}

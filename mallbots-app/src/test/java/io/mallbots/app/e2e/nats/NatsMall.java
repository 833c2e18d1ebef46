package io.mallbots.app.e2e.nats;

import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import io.mallbots.app.e2e.RunningMall;

/** The features' mall runs on NATS JetStream. */
public final class NatsMall {

  @BeforeAll
  public static void start() {
    RunningMall.start("nats", false);
  }

  @AfterAll
  public static void stop() {
    RunningMall.stop();
  }
}

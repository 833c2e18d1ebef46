package io.mallbots.app.e2e.twice;

import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import io.mallbots.app.e2e.RunningMall;

/** The features' mall runs on Kafka with every message handled twice: outcomes must not change. */
public final class TwiceDeliveredMall {

  @BeforeAll
  public static void start() {
    RunningMall.start("kafka", true);
  }

  @AfterAll
  public static void stop() {
    RunningMall.stop();
  }
}

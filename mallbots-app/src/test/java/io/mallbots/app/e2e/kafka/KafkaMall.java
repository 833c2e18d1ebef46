package io.mallbots.app.e2e.kafka;

import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import io.mallbots.app.e2e.RunningMall;

/** The features' mall runs on Kafka. */
public final class KafkaMall {

  @BeforeAll
  public static void start() {
    RunningMall.start("kafka", false);
  }

  @AfterAll
  public static void stop() {
    RunningMall.stop();
  }
}

package io.mallbots.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker a killed launcher left running (one slow to notice, or started before the child watched
 * its stdin) is stopped by the next launcher; one its pid file does not name is not. A stand-in JVM
 * plays the broker.
 */
class LocalKafkaLeftoverTest {

  @TempDir Path directory;
  private Process standIn;

  @Test
  void the_broker_its_pid_file_names_is_stopped_and_the_file_removed() throws Exception {
    standIn = idleJvm();
    PidFile.write(directory.resolve("broker.pid"), standIn.toHandle());

    LocalKafka.stopLeftover(directory);

    assertThat(standIn.waitFor(5, TimeUnit.SECONDS)).as("the left-over broker exited").isTrue();
    assertThat(directory.resolve("broker.pid")).doesNotExist();
  }

  @Test
  void a_process_that_only_reuses_the_pid_is_left_alone() throws Exception {
    standIn = idleJvm();
    long startedLongBefore = standIn.info().startInstant().orElseThrow().toEpochMilli() - 3_600_000;
    Files.writeString(
        directory.resolve("broker.pid"), standIn.pid() + " " + startedLongBefore + "\n");

    LocalKafka.stopLeftover(directory);

    assertThat(standIn.isAlive()).isTrue();
  }

  @AfterEach
  void stopStandIn() throws Exception {
    if (standIn != null && standIn.isAlive()) {
      standIn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Process idleJvm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java, "-Xmx16m", "-cp", System.getProperty("java.class.path"), Idle.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** The stand-in broker: a JVM that waits until it is told to stop. */
  static final class Idle {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}

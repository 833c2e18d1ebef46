package io.mallbots.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Part of the launcher's public API ({@link InProcessMall}): the launcher's child Kafka broker
 * ({@code make run}'s local broker), one that can be stopped and started again on the same port and
 * data directory like an operator restarting a broker; {@code make chaos} restarts its private
 * broker so. Its controller listens on the next port. Blocking: call from a plain thread.
 */
public final class RestartableKafka implements AutoCloseable {

  private final Path directory;
  private final int port;
  private LocalKafka broker;

  /**
   * A broker with its data and log under {@code directory}, listening on {@code port} of 127.0.0.1
   * once started.
   */
  public RestartableKafka(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  /** {@code KAFKA_BROKERS} for this broker. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /**
   * Starts the broker and waits until it accepts connections; a failure carries the end of its log.
   */
  public RestartableKafka start() throws Exception {
    try {
      broker = new LocalKafka(directory, port).start();
    } catch (IOException failed) {
      // The log is under a directory a test may delete: the reason goes into the failure itself.
      throw new IOException(failed.getMessage() + "; its log ends with:\n" + logTail(), failed);
    }
    return this;
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(directory.resolve("kafka.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException unreadable) {
      return "(no log: " + unreadable.getMessage() + ")";
    }
  }

  /**
   * Stops the broker (SIGTERM, a controlled shutdown) and starts it again on the same port and
   * data.
   */
  public void restart() throws Exception {
    broker.close();
    start();
  }

  @Override
  public void close() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }
}

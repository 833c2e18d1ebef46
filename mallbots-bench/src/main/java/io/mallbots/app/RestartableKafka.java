package io.mallbots.app;

import java.nio.file.Path;

/**
 * The launcher's child Kafka broker, for the chaos run: stopped and started again on the same port and data
 * directory, like an operator restarting a broker. Lives in the launcher's package because {@link LocalKafka}
 * is package-private there. Blocking: call from a plain thread.
 */
public final class RestartableKafka implements AutoCloseable {

  private final Path directory;
  private final int port;
  private LocalKafka broker;

  public RestartableKafka(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public RestartableKafka start() throws Exception {
    broker = new LocalKafka(directory, port).start();
    return this;
  }

  /** Stops the broker (SIGTERM, a controlled shutdown) and starts it again on the same port and data. */
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

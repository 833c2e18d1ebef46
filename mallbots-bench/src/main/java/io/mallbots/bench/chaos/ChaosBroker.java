package io.mallbots.bench.chaos;

import io.mallbots.app.RestartableKafka;
import io.mallbots.bench.stack.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The broker the chaos run owns and restarts once: a child Kafka broker, or a private nats-server
 * with JetStream, each on a free port with its data under the run's directory. The shared local
 * brokers are never touched. Blocking: from the fault thread or main.
 */
interface ChaosBroker extends AutoCloseable {

  /** EVENT_SERVER_TYPE and where the services find the broker (KAFKA_BROKERS or NATS_URL). */
  Map<String, String> settings();

  /** Stops the broker and starts it again on the same port and data directory. */
  void restart() throws Exception;

  /**
   * How many nodes the broker has; with more than one, {@link #killNode} and {@link #startNode}
   * apply.
   */
  default int nodes() {
    return 1;
  }

  /** {@code kill -9} of node {@code node} (0-based) of a cluster; the others keep going. */
  default void killNode(int node) throws Exception {
    throw new UnsupportedOperationException("a single broker node");
  }

  /** Starts a killed node again on its port and data directory and waits until it listens. */
  default void startNode(int node) throws Exception {
    throw new UnsupportedOperationException("a single broker node");
  }

  @Override
  void close() throws Exception;

  static ChaosBroker start(String type, Path home) throws Exception {
    return start(type, home, 1);
  }

  /**
   * A private broker of {@code nodes} nodes (1, or 3 for a cluster: replication 3, min. in-sync
   * replicas 2).
   */
  static ChaosBroker start(String type, Path home, int nodes) throws Exception {
    Files.createDirectories(home);
    if (nodes > 1 && type.equals("kafka")) {
      return new KafkaCluster(home.resolve("kafka"), nodes).start();
    }
    if (nodes > 1 && type.equals("nats")) {
      return new NatsCluster(home.resolve("nats"), nodes).start();
    }
    if (type.equals("kafka")) {
      RestartableKafka kafka =
          new RestartableKafka(home.resolve("kafka"), Ports.freePair()).start();
      return new ChaosBroker() {
        @Override
        public Map<String, String> settings() {
          return Map.of("EVENT_SERVER_TYPE", "kafka", "KAFKA_BROKERS", kafka.bootstrapServers());
        }

        @Override
        public void restart() throws Exception {
          kafka.restart();
        }

        @Override
        public void close() throws Exception {
          kafka.close();
        }
      };
    }
    if (type.equals("nats")) {
      return new PrivateNats(home.resolve("nats"), Ports.free()).start();
    }
    throw new IllegalArgumentException("--broker is kafka or nats, not '" + type + "'");
  }

  /**
   * {@code nats-server -a 127.0.0.1 -p <port> -js -sd <dir>}: ours alone, so restarting it disturbs
   * nobody.
   */
  final class PrivateNats implements ChaosBroker {

    static final String BINARY = "/usr/sbin/nats-server";

    private final Path directory;
    private final int port;
    private Process process;

    PrivateNats(Path directory, int port) {
      this.directory = directory;
      this.port = port;
    }

    PrivateNats start() throws IOException, InterruptedException {
      if (!Files.isExecutable(Path.of(BINARY))) {
        throw new IOException(
            BINARY + " is missing: the NATS chaos run needs a private server to restart");
      }
      Files.createDirectories(directory);
      process =
          new ProcessBuilder(
                  List.of(
                      BINARY,
                      "-a",
                      "127.0.0.1",
                      "-p",
                      Integer.toString(port),
                      "-js",
                      "-sd",
                      directory.resolve("jetstream").toString()))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(directory.resolve("nats-server.log").toFile()))
              .start();
      Ports.awaitListening(port, process, Duration.ofSeconds(30), "nats-server");
      return this;
    }

    @Override
    public Map<String, String> settings() {
      return Map.of("EVENT_SERVER_TYPE", "nats", "NATS_URL", "nats://127.0.0.1:" + port);
    }

    @Override
    public void restart() throws Exception {
      close();
      start();
    }

    @Override
    public void close() throws InterruptedException {
      if (process != null && process.isAlive()) {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    }
  }
}

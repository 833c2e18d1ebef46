package io.mallbots.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker run as a child process from the Kafka jars on this JVM's
 * classpath, its data under a directory of the caller's (kept between runs). The child exits when
 * this JVM dies, however it dies ({@link KafkaChild}). Blocking: call before Vert.x starts.
 */
final class LocalKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

  private static final String PID_FILE = "broker.pid";
  private static final Duration STOP = Duration.ofSeconds(30);

  private final Path directory;
  private final int port;
  private Process process;
  private PidFile pidFile;

  LocalKafka(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  LocalKafka start() throws IOException, InterruptedException {
    Path data = directory.resolve("data");
    Path properties = directory.resolve("server.properties");
    Files.createDirectories(data);
    Files.writeString(properties, properties(data));
    if (!Files.exists(data.resolve("meta.properties"))) {
      run(
          List.of(
              "kafka.tools.StorageTool",
              "format",
              "-t",
              UUID.randomUUID().toString().replace("-", "").substring(0, 22),
              "-c",
              properties.toString(),
              "--standalone"),
          Duration.ofSeconds(60));
    }
    // Its stdin stays a pipe from this JVM: when the pipe closes, the child stops the broker.
    process = java(List.of(KafkaChild.class.getName(), properties.toString())).start();
    pidFile = PidFile.write(directory.resolve(PID_FILE), process.toHandle());
    awaitPort(Duration.ofSeconds(90));
    log.info("Kafka broker ready on {} (data in {})", bootstrapServers(), data);
    return this;
  }

  /**
   * Stops the broker a launcher that is gone left running on {@code directory}: one that had no
   * time to see its launcher die, or was started before the child watched its stdin.
   */
  static void stopLeftover(Path directory) throws IOException {
    Path pid = directory.resolve(PID_FILE);
    Optional<ProcessHandle> broker = PidFile.live(pid).filter(PidFile::isJava);
    if (broker.isPresent()) {
      log.warn(
          "stopping the Kafka broker (pid {}) a killed launcher left on {}",
          broker.get().pid(),
          directory);
      stop(broker.get());
    }
    Files.deleteIfExists(pid);
  }

  @Override
  public void close() throws IOException {
    if (process != null && process.isAlive()) {
      stop(process.toHandle());
    }
    if (pidFile != null) {
      pidFile.close();
    }
  }

  private static void stop(ProcessHandle broker) {
    broker.destroy();
    try {
      broker.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception notYet) {
      broker.destroyForcibly();
      broker.onExit().join();
    }
  }

  private String properties(Path data) {
    int controller = port + 1;
    return String.join(
        "\n",
        "# Written by the MallBots launcher: a single-node KRaft broker for a developer's machine.",
        "process.roles=broker,controller",
        "node.id=1",
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "controller.listener.names=CONTROLLER",
        "controller.quorum.bootstrap.servers=127.0.0.1:" + controller,
        "log.dirs=" + data,
        "num.partitions=4",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=10",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "num.network.threads=2",
        "num.io.threads=4",
        "");
  }

  private void run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    Process tool = java(command).start();
    if (!tool.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || tool.exitValue() != 0) {
      tool.destroyForcibly();
      throw new IOException(command.get(0) + " failed; see " + directory.resolve("kafka.log"));
    }
  }

  private ProcessBuilder java(List<String> mainAndArguments) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=mallbots/kafka-logback.xml",
                "-cp",
                System.getProperty("java.class.path")));
    command.addAll(mainAndArguments);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("kafka.log").toFile()));
  }

  private void awaitPort(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("the Kafka broker exited; see " + directory.resolve("kafka.log"));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200); // polling a child process's port before any event loop exists
      }
    }
    throw new IOException(
        "the Kafka broker did not open port " + port + " within " + timeout.toSeconds() + " s");
  }
}

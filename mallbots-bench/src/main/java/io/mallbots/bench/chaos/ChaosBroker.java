package io.mallbots.bench.chaos;

import io.mallbots.app.RestartableKafka;
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

  /**
   * A KRaft Kafka cluster of combined broker/controller nodes run as children from the Kafka jars
   * on this JVM's classpath (as the launcher's single broker, {@code io.mallbots.app.KafkaChild}),
   * with the static quorum, the replication factor and the min. in-sync replicas {@code
   * scripts/kafka-broker.sh} gives a cluster node. The services are told the same
   * (KAFKA_REPLICATION_FACTOR 3, KAFKA_MIN_INSYNC_REPLICAS 2), so one node down loses nothing and
   * blocks nobody.
   */
  final class KafkaCluster implements ChaosBroker {

    private final Path directory;
    private final int[] ports;
    private final Process[] processes;
    private final String clusterId =
        java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 22);

    KafkaCluster(Path directory, int nodes) {
      this.directory = directory;
      this.ports = new int[nodes];
      this.processes = new Process[nodes];
      for (int i = 0; i < nodes; i++) {
        ports[i] = Ports.freePair();
      }
    }

    KafkaCluster start() throws Exception {
      for (int i = 0; i < ports.length; i++) {
        Path node = node(i);
        Files.createDirectories(node.resolve("data"));
        Files.writeString(node.resolve("server.properties"), properties(i));
        Process format =
            java(
                    i,
                    List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        clusterId,
                        "-c",
                        node.resolve("server.properties").toString()))
                .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
          format.destroyForcibly();
          throw new IOException(
              "formatting Kafka node " + (i + 1) + " failed; see " + node.resolve("kafka.log"));
        }
      }
      // Together: a node waits for a quorum of controllers before it serves.
      for (int i = 0; i < ports.length; i++) {
        launch(i);
      }
      for (int i = 0; i < ports.length; i++) {
        Ports.awaitListening(
            ports[i], processes[i], Duration.ofSeconds(120), "Kafka node " + (i + 1));
      }
      return this;
    }

    private Path node(int i) {
      return directory.resolve("node-" + (i + 1));
    }

    private void launch(int i) throws IOException {
      processes[i] =
          java(
                  i,
                  List.of(
                      "io.mallbots.app.KafkaChild",
                      node(i).resolve("server.properties").toString()))
              .start();
    }

    private ProcessBuilder java(int i, List<String> mainAndArguments) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          new java.util.ArrayList<>(
              List.of(
                  java,
                  "-Xms64m",
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-Dlogback.configurationFile=mallbots/kafka-logback.xml",
                  "-cp",
                  System.getProperty("java.class.path")));
      command.addAll(mainAndArguments);
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(node(i).resolve("kafka.log").toFile()));
    }

    private String properties(int i) {
      StringBuilder voters = new StringBuilder();
      for (int n = 0; n < ports.length; n++) {
        voters.append(n == 0 ? "" : ",").append(n + 1).append("@127.0.0.1:").append(ports[n] + 1);
      }
      int replicas = Math.min(3, ports.length);
      int minIsr = Math.max(1, replicas - 1);
      return String.join(
          "\n",
          "# Written by make chaos: node " + (i + 1) + " of a private KRaft cluster.",
          "process.roles=broker,controller",
          "node.id=" + (i + 1),
          "listeners=PLAINTEXT://127.0.0.1:"
              + ports[i]
              + ",CONTROLLER://127.0.0.1:"
              + (ports[i] + 1),
          "advertised.listeners=PLAINTEXT://127.0.0.1:" + ports[i],
          "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
          "inter.broker.listener.name=PLAINTEXT",
          "controller.listener.names=CONTROLLER",
          "controller.quorum.voters=" + voters,
          "log.dirs=" + node(i).resolve("data"),
          "num.partitions=4",
          "default.replication.factor=" + replicas,
          "min.insync.replicas=" + minIsr,
          "offsets.topic.replication.factor=" + replicas,
          "offsets.topic.num.partitions=10",
          "transaction.state.log.replication.factor=" + replicas,
          "transaction.state.log.min.isr=" + minIsr,
          "share.coordinator.state.topic.replication.factor=" + replicas,
          "share.coordinator.state.topic.min.isr=" + minIsr,
          "group.initial.rebalance.delay.ms=0",
          "num.network.threads=2",
          "num.io.threads=2",
          "");
    }

    @Override
    public Map<String, String> settings() {
      StringBuilder brokers = new StringBuilder();
      for (int port : ports) {
        brokers.append(brokers.isEmpty() ? "" : ",").append("127.0.0.1:").append(port);
      }
      int replicas = Math.min(3, ports.length);
      return Map.of(
          "EVENT_SERVER_TYPE",
          "kafka",
          "KAFKA_BROKERS",
          brokers.toString(),
          "KAFKA_REPLICATION_FACTOR",
          Integer.toString(replicas),
          "KAFKA_MIN_INSYNC_REPLICAS",
          Integer.toString(Math.max(1, replicas - 1)));
    }

    @Override
    public int nodes() {
      return ports.length;
    }

    @Override
    public void killNode(int node) throws InterruptedException {
      processes[node].destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void startNode(int node) throws IOException, InterruptedException {
      launch(node);
      Ports.awaitListening(
          ports[node], processes[node], Duration.ofSeconds(120), "Kafka node " + (node + 1));
    }

    @Override
    public void restart() throws Exception {
      close();
      for (int i = 0; i < ports.length; i++) {
        launch(i);
      }
      for (int i = 0; i < ports.length; i++) {
        Ports.awaitListening(
            ports[i], processes[i], Duration.ofSeconds(120), "Kafka node " + (i + 1));
      }
    }

    @Override
    public void close() throws InterruptedException {
      for (Process process : processes) {
        if (process != null && process.isAlive()) {
          process.destroy();
        }
      }
      for (Process process : processes) {
        if (process != null && !process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    }
  }

  /**
   * A private NATS JetStream cluster ({@code nats-server --cluster ... --routes ...}, as {@code
   * scripts/env-up.sh} with BROKER_NODES=3 starts one), the services told NATS_REPLICAS 3: one
   * server down keeps a quorum of every stream.
   */
  final class NatsCluster implements ChaosBroker {

    private final Path directory;
    private final int[] ports;
    private final int[] routePorts;
    private final Process[] processes;

    NatsCluster(Path directory, int nodes) {
      this.directory = directory;
      this.ports = new int[nodes];
      this.routePorts = new int[nodes];
      this.processes = new Process[nodes];
      for (int i = 0; i < nodes; i++) {
        ports[i] = Ports.free();
        routePorts[i] = Ports.free();
      }
    }

    NatsCluster start() throws Exception {
      if (!Files.isExecutable(Path.of(PrivateNats.BINARY))) {
        throw new IOException(
            PrivateNats.BINARY + " is missing: the NATS chaos run needs private servers");
      }
      for (int i = 0; i < ports.length; i++) {
        launch(i);
      }
      for (int i = 0; i < ports.length; i++) {
        Ports.awaitListening(
            ports[i], processes[i], Duration.ofSeconds(30), "nats-server " + (i + 1));
      }
      return this;
    }

    private void launch(int i) throws IOException {
      Path node = directory.resolve("node-" + (i + 1));
      Files.createDirectories(node);
      StringBuilder routes = new StringBuilder();
      for (int port : routePorts) {
        routes.append(routes.isEmpty() ? "" : ",").append("nats://127.0.0.1:").append(port);
      }
      processes[i] =
          new ProcessBuilder(
                  List.of(
                      PrivateNats.BINARY,
                      "-a",
                      "127.0.0.1",
                      "-p",
                      Integer.toString(ports[i]),
                      "-n",
                      "chaos-" + (i + 1),
                      "-js",
                      "-sd",
                      node.resolve("jetstream").toString(),
                      "--cluster_name",
                      "chaos",
                      "--cluster",
                      "nats://127.0.0.1:" + routePorts[i],
                      "--routes",
                      routes.toString()))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(node.resolve("nats-server.log").toFile()))
              .start();
    }

    @Override
    public Map<String, String> settings() {
      StringBuilder urls = new StringBuilder();
      for (int port : ports) {
        urls.append(urls.isEmpty() ? "" : ",").append("nats://127.0.0.1:").append(port);
      }
      return Map.of(
          "EVENT_SERVER_TYPE",
          "nats",
          "NATS_URL",
          urls.toString(),
          "NATS_REPLICAS",
          Integer.toString(Math.min(3, ports.length)));
    }

    @Override
    public int nodes() {
      return ports.length;
    }

    @Override
    public void killNode(int node) throws InterruptedException {
      processes[node].destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void startNode(int node) throws IOException, InterruptedException {
      launch(node);
      Ports.awaitListening(
          ports[node], processes[node], Duration.ofSeconds(30), "nats-server " + (node + 1));
    }

    @Override
    public void restart() throws Exception {
      close();
      start();
    }

    @Override
    public void close() throws InterruptedException {
      for (Process process : processes) {
        if (process != null && process.isAlive()) {
          process.destroy();
        }
      }
      for (Process process : processes) {
        if (process != null && !process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    }
  }
}

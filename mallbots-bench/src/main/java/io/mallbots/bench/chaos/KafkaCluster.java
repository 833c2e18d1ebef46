package io.mallbots.bench.chaos;

import io.mallbots.bench.stack.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A KRaft Kafka cluster of combined broker/controller nodes run as children from the Kafka jars on
 * this JVM's classpath (as the launcher's single broker, {@code io.mallbots.app.KafkaChild}), with
 * the static quorum, the replication factor and the min. in-sync replicas {@code
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
                    "io.mallbots.app.KafkaChild", node(i).resolve("server.properties").toString()))
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
        "listeners=PLAINTEXT://127.0.0.1:" + ports[i] + ",CONTROLLER://127.0.0.1:" + (ports[i] + 1),
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

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
 * A private NATS JetStream cluster ({@code nats-server --cluster ... --routes ...}, as {@code
 * scripts/env-up.sh} with BROKER_NODES=3 starts one), the services told NATS_REPLICAS 3: one server
 * down keeps a quorum of every stream.
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
    if (!Files.isExecutable(Path.of(ChaosBroker.PrivateNats.BINARY))) {
      throw new IOException(
          ChaosBroker.PrivateNats.BINARY + " is missing: the NATS chaos run needs private servers");
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
                    ChaosBroker.PrivateNats.BINARY,
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

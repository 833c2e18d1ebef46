package io.mallbots.bench.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * The seven services as separate JVMs (like {@code make run-services}), one or more instances each,
 * every instance on free gRPC and HTTP ports that stay the same across restarts, so the others and
 * the shoppers find it again. An instance is named after its service ({@code ordering}), or with
 * several {@code ordering-1}, {@code ordering-2}; every instance is told the list of all instances
 * of the services it calls ({@code <SERVICE>_GRPC_ENDPOINT=127.0.0.1:a,127.0.0.1:b}), which its
 * gRPC client balances over, as {@code make run-services INSTANCES=2} does. {@link #kill} is {@code
 * kill -9} (SIGKILL: no shutdown hook, no draining); {@link #start} runs the same command again.
 * Blocking: call from main or the chaos run's fault thread, never from an event loop.
 */
public final class ServiceProcesses implements AutoCloseable {

  /** Service name to main class, in start order (those others call first). */
  public static final Map<String, String> MAINS = new LinkedHashMap<>();

  static {
    for (String service :
        List.of("users", "stores", "payments", "notifications", "search", "ordering", "baskets")) {
      String type = Character.toUpperCase(service.charAt(0)) + service.substring(1);
      MAINS.put(service, "io.mallbots." + service + ".agent." + type + "Main");
    }
  }

  /**
   * Small heaps and the C1 compiler only: for runs where what counts is that every order adds up,
   * not how fast, with many JVMs, a broker and PostgreSQL on two cores (the chaos run).
   */
  public static final List<String> LEAN_JVM =
      List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  // As make run-services waits (READY_TIMEOUT_S): JVMs started side by side on two busy cores are
  // slow.
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final List<String> jvmOptions;

  private final Path logs;
  private final Map<String, String> shared;
  private final Map<String, Map<String, String>> own = new HashMap<>();

  /** Instance name to its service, in start order. */
  private final Map<String, String> serviceOf = new LinkedHashMap<>();

  private final Map<String, Integer> grpcPorts = new LinkedHashMap<>();
  private final Map<String, Integer> httpPorts = new LinkedHashMap<>();

  private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
  private final Map<String, Process> running = new HashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private int starts;

  /**
   * @param logs where each service's output goes ({@code <service>.log}, appended across restarts)
   * @param shared settings every service gets (broker, EVENT_NAMESPACE, PostgreSQL login)
   * @param own settings of one service (its POSTGRES_SCHEMA, and POSTGRES_PORT if it goes through a
   *     line)
   */
  public ServiceProcesses(
      Path logs, Map<String, String> shared, Map<String, Map<String, String>> own)
      throws IOException {
    this(logs, shared, own, service -> 1, LEAN_JVM);
  }

  /**
   * @param instances how many JVMs of each service (at least 1)
   * @param jvmOptions the options of every service JVM (heap, GC, compiler), e.g. {@link #LEAN_JVM}
   */
  public ServiceProcesses(
      Path logs,
      Map<String, String> shared,
      Map<String, Map<String, String>> own,
      ToIntFunction<String> instances,
      List<String> jvmOptions)
      throws IOException {
    this.logs = logs;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.shared = new HashMap<>(shared);
    this.own.putAll(own);
    Files.createDirectories(logs);
    for (String service : MAINS.keySet()) {
      int count = Math.max(1, instances.applyAsInt(service));
      for (int n = 1; n <= count; n++) {
        String instance = count == 1 ? service : service + "-" + n;
        serviceOf.put(instance, service);
        grpcPorts.put(instance, Ports.free());
        httpPorts.put(instance, Ports.free());
        managementPorts.put(instance, Ports.free());
      }
    }
  }

  /**
   * {@code 127.0.0.1:<port>} of every instance of {@code service}, comma separated
   * (RpcClients.address reads it).
   */
  public String endpoints(String service) {
    return String.join(
        ",", instancesOf(service).stream().map(i -> "127.0.0.1:" + grpcPorts.get(i)).toList());
  }

  /** The services, in start order. */
  public List<String> names() {
    return List.copyOf(MAINS.keySet());
  }

  /** Every instance's name, in start order. */
  public List<String> instances() {
    return List.copyOf(serviceOf.keySet());
  }

  /** The names of {@code service}'s instances. */
  public List<String> instancesOf(String service) {
    return serviceOf.entrySet().stream()
        .filter(e -> e.getValue().equals(service))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The options every service JVM starts with. */
  public List<String> jvmOptions() {
    return jvmOptions;
  }

  /** Starts every instance and waits until each answers {@code /readiness}. */
  public void startAll() throws IOException, InterruptedException {
    for (String instance : serviceOf.keySet()) {
      launch(instance);
    }
    for (String instance : serviceOf.keySet()) {
      awaitReady(instance);
    }
  }

  /**
   * Starts the instance {@code instance} again and waits until it is ready; a JVM that exits while
   * starting (e.g. its broker was not back yet) is started once more, as a supervisor would.
   */
  public void start(String instance) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      launch(instance);
      try {
        awaitReady(instance);
        return;
      } catch (IOException failed) {
        kill(instance);
        if (attempt == 3) {
          throw failed;
        }
      }
    }
  }

  /**
   * Starts several instances again at once (their JVMs start side by side, not one after the other)
   * and waits until each is ready; one that does not come up is started again alone, as {@link
   * #start} does.
   */
  public void startTogether(List<String> instances) throws IOException, InterruptedException {
    for (String instance : instances) {
      launch(instance);
    }
    for (String instance : instances) {
      try {
        awaitReady(instance);
      } catch (IOException failed) {
        kill(instance);
        start(instance);
      }
    }
  }

  /**
   * Changes settings of every service for the JVMs started from now on (e.g. the broker of a swap);
   * those running keep theirs until restarted.
   */
  public synchronized void reconfigure(Map<String, String> settings) {
    shared.putAll(settings);
  }

  /**
   * A rolling restart's step: stops the instance the gentle way (SIGTERM: it drains its in-flight
   * work), starts it again with the current settings and waits until it is ready.
   */
  public void restart(String instance) throws IOException, InterruptedException {
    Process process = running.remove(instance);
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    start(instance);
  }

  /** {@code kill -9}: the JVM dies mid-work, with whatever it had in flight. */
  public void kill(String instance) throws InterruptedException {
    Process process = running.remove(instance);
    if (process != null) {
      process.destroyForcibly(); // SIGKILL on Linux
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** JVMs started, first starts included. */
  public int starts() {
    return starts;
  }

  public List<Long> pids() {
    return running.values().stream().map(Process::pid).toList();
  }

  private void launch(String instance) throws IOException {
    String service = serviceOf.get(instance);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAINS.get(service)));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(logs.resolve(instance + ".log").toFile()));
    Map<String, String> env = builder.environment();
    synchronized (this) {
      env.putAll(shared);
    }
    env.putAll(own.getOrDefault(service, Map.of()));
    env.put("GRPC_SERVER_HOST", "127.0.0.1");
    env.put("GRPC_SERVER_PORT", Integer.toString(grpcPorts.get(instance)));
    env.put("HTTP_SERVER_HOST", "127.0.0.1");
    env.put("HTTP_SERVER_PORT", Integer.toString(httpPorts.get(instance)));
    env.put("MANAGEMENT_PORT", Integer.toString(managementPorts.get(instance)));
    MAINS
        .keySet()
        .forEach(
            other -> env.put(other.toUpperCase(Locale.ROOT) + "_GRPC_ENDPOINT", endpoints(other)));
    running.put(instance, builder.start());
    starts++;
  }

  /**
   * Why a service's log says it stopped, for a failure message that outlives a temporary log
   * directory: its error and exception lines (not the stack frames under them), then its last
   * lines.
   */
  private String lastLines(String instance) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(logs.resolve(instance + ".log"));
      List<String> why =
          new java.util.ArrayList<>(
              lines.stream()
                  .filter(line -> line.contains(" ERROR ") || line.contains("Exception:"))
                  .limit(10)
                  .toList());
      why.add("...");
      why.addAll(lines.subList(Math.max(0, lines.size() - 5), lines.size()));
      return String.join("\n", why);
    } catch (IOException unreadable) {
      return "(unreadable: " + unreadable + ")";
    }
  }

  private void awaitReady(String instance) throws IOException, InterruptedException {
    URI readiness = URI.create("http://127.0.0.1:" + managementPorts.get(instance) + "/readiness");
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Process process = running.get(instance);
      if (process == null || !process.isAlive()) {
        throw new IOException(
            instance
                + " exited while starting; see "
                + logs.resolve(instance + ".log")
                + ", which ends: "
                + lastLines(instance));
      }
      try {
        HttpResponse<Void> answer =
            http.send(
                HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200); // polling a child JVM from the fault thread
    }
    throw new IOException(
        instance
            + " not ready within "
            + READY_TIMEOUT.toSeconds()
            + " s; see "
            + logs.resolve(instance + ".log"));
  }

  /** Stops every service the gentle way (SIGTERM: each drains), then forcibly whatever is left. */
  @Override
  public void close() throws InterruptedException {
    List<Process> all = new ArrayList<>(running.values());
    running.clear();
    all.forEach(Process::destroy);
    for (Process process : all) {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}

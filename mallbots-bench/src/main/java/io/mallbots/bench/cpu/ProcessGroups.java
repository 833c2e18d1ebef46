package io.mallbots.bench.cpu;

import io.mallbots.core.config.PostgresSettings;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The four groups whose CPU the report adds up per order: the services, PostgreSQL (postmaster and
 * backends), the broker (Kafka's JVM or nats-server) and the bench's load driver. A server is found
 * on this machine by the port its clients use ({@link LocalProcesses}); one on another host, or
 * unreadable, is n/a.
 */
public final class ProcessGroups {

  private ProcessGroups() {}

  /**
   * @param inProcess the services run in this JVM (so does the driver: its threads are told apart)
   * @param servicePids the services' processes: those the bench started as separate JVMs, or a
   *     running system's ({@code --sut-pid})
   * @param database where the services' PostgreSQL listens
   * @param broker kafka, nats or memory
   * @param brokerAddresses {@code KAFKA_BROKERS} or {@code NATS_URL} (comma-separated)
   * @param driverThreads in-process: the driver's threads (its event loop)
   */
  public static List<CpuGroup> find(
      boolean inProcess,
      List<Long> servicePids,
      PostgresSettings database,
      String broker,
      String brokerAddresses,
      List<Thread> driverThreads) {
    List<CpuGroup> groups = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    if (inProcess) {
      groups.add(
          CpuGroup.thisJvmWithout(
              "services",
              "services JVM (pid " + self + ", GC and JIT included), less the driver's threads",
              driverThreads));
    } else if (servicePids.isEmpty()) {
      groups.add(CpuGroup.missing("services", "not known: name them with --sut-pid"));
    } else {
      groups.add(
          CpuGroup.processTrees(
              "services",
              servicePids.size()
                  + (servicePids.size() == 1 ? " process" : " processes")
                  + " (pids "
                  + servicePids.stream().map(String::valueOf).collect(Collectors.joining(", "))
                  + ") and their children",
              servicePids));
    }
    groups.add(postgres(database));
    groups.add(broker(broker, brokerAddresses));
    groups.add(
        inProcess
            ? CpuGroup.threads(
                "driver", "the load driver's event loop in the services JVM", driverThreads)
            : CpuGroup.thisJvm("driver", "the bench's JVM (pid " + self + ")"));
    return groups;
  }

  private static CpuGroup postgres(PostgresSettings database) {
    return LocalProcesses.serving(database.host(), database.port(), LocalProcesses::postmaster)
        .map(
            pid ->
                CpuGroup.processTrees(
                    "postgres",
                    "PostgreSQL postmaster (pid " + pid + ") and its backends, all clients' work",
                    List.of(pid)))
        .orElseGet(
            () ->
                CpuGroup.missing(
                    "postgres",
                    "no readable PostgreSQL process listens on "
                        + database.host()
                        + ":"
                        + database.port()));
  }

  private static CpuGroup broker(String broker, String addresses) {
    if (broker.equals("memory")) {
      return CpuGroup.missing("broker", "in-JVM broker: counted with the services");
    }
    Predicate<String> commandLine =
        broker.equals("kafka")
            ? line -> line.contains("kafka.Kafka")
            : line -> line.contains("nats-server");
    List<Long> pids = new ArrayList<>();
    for (String address : addresses == null ? new String[0] : addresses.split(",")) {
      hostAndPort(address.trim())
          .flatMap(hp -> LocalProcesses.serving(hp.host(), hp.port(), commandLine))
          .filter(pid -> !pids.contains(pid))
          .ifPresent(pids::add);
    }
    if (pids.isEmpty()) {
      return CpuGroup.missing("broker", "no readable " + broker + " process at " + addresses);
    }
    String pidText = pids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    return CpuGroup.processTrees(
        "broker",
        (broker.equals("kafka") ? "Kafka JVM" : "nats-server") + " (pid " + pidText + ")",
        pids);
  }

  /** {@code host:port} or {@code nats://host:port}. */
  private static Optional<HostAndPort> hostAndPort(String address) {
    try {
      URI uri = URI.create(address.contains("://") ? address : "tcp://" + address);
      return uri.getHost() == null || uri.getPort() < 0
          ? Optional.empty()
          : Optional.of(new HostAndPort(uri.getHost(), uri.getPort()));
    } catch (IllegalArgumentException notAnAddress) {
      return Optional.empty();
    }
  }

  private record HostAndPort(String host, int port) {}
}

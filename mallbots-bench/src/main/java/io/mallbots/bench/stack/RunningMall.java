package io.mallbots.bench.stack;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.config.StandardPorts;
import io.vertx.core.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A system that already runs (compose, {@code make run}, Kubernetes port-forwards): its services on
 * their standard gRPC ports ({@link StandardPorts}) at one host, its broker and database from the
 * same variables the services read ({@code KAFKA_BROKERS}, {@code NATS_URL}, {@code POSTGRES_*}),
 * its {@code EVENT_NAMESPACE} as given. Whether it requires access tokens cannot be read from it:
 * the bench is told ({@code AUTH_REQUIRED} or its own option).
 */
public final class RunningMall implements MallUnderTest {

  private final String host;
  private final CoreSettings brokerSettings;
  private final PostgresSettings database;
  private final List<SystemProcess> processes;
  private final String description;
  private final boolean accessTokens;

  /**
   * @param accessTokens whether the system requires access tokens (its {@code AUTH_REQUIRED})
   */
  public RunningMall(
      String host,
      String broker,
      String namespace,
      List<Long> pids,
      Map<String, String> env,
      boolean accessTokens) {
    this.host = host;
    this.accessTokens = accessTokens;
    Map<String, String> settings = new HashMap<>(env);
    settings.put("EVENT_SERVER_TYPE", broker);
    settings.put("EVENT_NAMESPACE", namespace);
    // The bench verifies and signs no tokens, so it holds no token keys, which AUTH_REQUIRED=true
    // would ask for here: these settings are only for watching the broker.
    settings.remove("AUTH_REQUIRED");
    settings.remove("BENCH_AUTH_REQUIRED");
    this.brokerSettings = CoreSettings.from(Settings.of("bench", settings));
    this.database = brokerSettings.postgres();
    this.processes = pids.stream().map(pid -> new SystemProcess("pid " + pid, pid)).toList();
    this.description =
        "running system at "
            + host
            + " ("
            + broker
            + ", EVENT_NAMESPACE='"
            + namespace
            + "'"
            + (accessTokens ? ", access tokens required" : "")
            + ")";
  }

  @Override
  public SocketAddress grpc(String service) {
    return SocketAddress.inetSocketAddress(StandardPorts.grpc(service), host);
  }

  @Override
  public CoreSettings brokerSettings() {
    return brokerSettings;
  }

  @Override
  public PostgresSettings database(String service) {
    return database;
  }

  @Override
  public List<SystemProcess> processes() {
    return processes;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean requiresAccessTokens() {
    return accessTokens;
  }

  /** Not the bench's to know: its processes are what {@code --sut-pid} names. */
  @Override
  public Deployment deployment() {
    return new Deployment("running", null, null, List.of());
  }

  @Override
  public void close() {
    // Not ours to stop.
  }
}

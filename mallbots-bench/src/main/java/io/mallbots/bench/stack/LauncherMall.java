package io.mallbots.bench.stack;

import io.mallbots.app.InProcessMall;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.PostgresSettings;
import io.vertx.core.net.SocketAddress;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Every service in the bench's own JVM, started through the launcher's public API ({@link
 * InProcessMall}, as {@code make run} starts them). Blocking: start and close from a plain thread.
 */
public final class LauncherMall implements MallUnderTest {

  private final InProcessMall mall;

  private LauncherMall(InProcessMall mall) {
    this.mall = mall;
  }

  /**
   * See {@link InProcessMall#start}: broker kafka, nats or memory; standard or free gRPC ports;
   * tokens or not.
   */
  public static LauncherMall start(
      String broker, boolean freePorts, boolean tokens, Path home, Map<String, String> env)
      throws Exception {
    return new LauncherMall(InProcessMall.start(broker, freePorts, tokens, home, env));
  }

  /** The services the launcher runs. */
  public static List<String> services() {
    return InProcessMall.services();
  }

  @Override
  public SocketAddress grpc(String service) {
    return mall.grpc(service);
  }

  @Override
  public CoreSettings brokerSettings() {
    return mall.brokerSettings();
  }

  @Override
  public PostgresSettings database(String service) {
    return mall.database(service);
  }

  @Override
  public List<SystemProcess> processes() {
    return mall.processes().stream()
        .map(process -> new SystemProcess(process.role(), process.pid()))
        .toList();
  }

  @Override
  public String description() {
    return mall.description();
  }

  @Override
  public boolean requiresAccessTokens() {
    return mall.requiresAccessTokens();
  }

  /** One JVM, the bench's own, with its heap options. */
  @Override
  public Deployment deployment() {
    return new Deployment(
        "in-process",
        1,
        1,
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(option -> option.startsWith("-Xmx"))
            .toList());
  }

  @Override
  public void stopServices() {
    mall.stopServices();
  }

  @Override
  public void close() {
    mall.close();
  }
}

package io.mallbots.core.rpc;

import io.mallbots.core.config.ClientTls;
import io.mallbots.core.domain.NotFound;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a service needs to call another service over gRPC: a client with a deadline on every call
 * and bounded messages, the address from a {@code host:port} setting (or several, comma separated,
 * for several instances: {@link RpcEndpoints}, balanced by the client), and the translation of a
 * remote NOT_FOUND back into the domain's {@link NotFound}. Other failures stay technical (the
 * caller retries).
 */
public final class RpcClients {

  /** How long an instance of {@link RpcEndpoints} that could not be reached is left aside. */
  public static final Duration INSTANCE_BACKOFF = Duration.ofSeconds(2);

  private RpcClients() {}

  /**
   * A plain-text client whose calls time out after {@code timeoutMillis}. Create one per verticle
   * and reuse it.
   */
  public static GrpcClient client(Vertx vertx, int timeoutMillis) {
    return client(vertx, timeoutMillis, ClientTls.OFF);
  }

  /**
   * A client whose calls time out after {@code timeoutMillis}, over TLS when {@code tls} is
   * enabled. Calls to {@link RpcEndpoints} are spread over its instances, an unreachable one
   * skipped for {@link #INSTANCE_BACKOFF}.
   */
  public static GrpcClient client(Vertx vertx, int timeoutMillis, ClientTls tls) {
    GrpcClientOptions options =
        new GrpcClientOptions()
            .setScheduleDeadlineAutomatically(true)
            .setTimeout(timeoutMillis)
            .setTimeoutUnit(TimeUnit.MILLISECONDS)
            .setMaxMessageSize(RpcEndpoint.MAX_MESSAGE_BYTES);
    return new BalancingGrpcClient(
        tls.enabled()
            ? GrpcClient.client(vertx, options, tls.httpClientOptions())
            : GrpcClient.client(vertx, options),
        INSTANCE_BACKOFF);
  }

  /**
   * The address of a setting such as {@code STORES_GRPC_ENDPOINT}: {@code host:port}, or a comma
   * separated list of them for several instances of the service ({@link RpcEndpoints}).
   */
  public static SocketAddress address(String setting, String value) {
    String[] entries = value.split(",", -1);
    if (entries.length == 1) {
      return hostPort(setting, value.strip(), value);
    }
    List<SocketAddress> addresses = new ArrayList<>(entries.length);
    for (String entry : entries) {
      addresses.add(hostPort(setting, entry.strip(), value));
    }
    return new RpcEndpoints(addresses);
  }

  private static SocketAddress hostPort(String setting, String hostPort, String value) {
    int colon = hostPort.lastIndexOf(':');
    try {
      if (colon < 1) {
        throw new IllegalArgumentException("no host");
      }
      return SocketAddress.inetSocketAddress(
          Integer.parseInt(hostPort.substring(colon + 1)), hostPort.substring(0, colon));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          setting
              + " must be host:port (or host:port,host:port,... for several"
              + " instances), got '"
              + value
              + "'");
    }
  }

  /**
   * Maps a remote NOT_FOUND to {@link NotFound} with {@code message}; other failures pass through.
   */
  public static <T> Future<T> notFoundAs(Future<T> call, String message) {
    return call.recover(
        failure ->
            failure instanceof InvalidStatusException status
                    && status.actualStatus() == GrpcStatus.NOT_FOUND
                ? Future.failedFuture(new NotFound(message))
                : Future.failedFuture(failure));
  }
}

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
import java.util.concurrent.TimeUnit;

/**
 * What a service needs to call another service over gRPC: a client with a deadline on every call and
 * bounded messages, the address from a {@code host:port} setting, and the translation of a remote
 * NOT_FOUND back into the domain's {@link NotFound}. Other failures stay technical (the caller retries).
 */
public final class RpcClients {

  private RpcClients() {
  }

  /** A plain-text client whose calls time out after {@code timeoutMillis}. Create one per verticle and reuse it. */
  public static GrpcClient client(Vertx vertx, int timeoutMillis) {
    return client(vertx, timeoutMillis, ClientTls.OFF);
  }

  /** A client whose calls time out after {@code timeoutMillis}, over TLS when {@code tls} is enabled. */
  public static GrpcClient client(Vertx vertx, int timeoutMillis, ClientTls tls) {
    GrpcClientOptions options = new GrpcClientOptions().setScheduleDeadlineAutomatically(true)
        .setTimeout(timeoutMillis).setTimeoutUnit(TimeUnit.MILLISECONDS).setMaxMessageSize(RpcEndpoint.MAX_MESSAGE_BYTES);
    return tls.enabled() ? GrpcClient.client(vertx, options, tls.httpClientOptions()) : GrpcClient.client(vertx, options);
  }

  /** The address of a {@code host:port} setting such as {@code STORES_GRPC_ENDPOINT}. */
  public static SocketAddress address(String setting, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    try {
      return SocketAddress.inetSocketAddress(Integer.parseInt(hostPort.substring(colon + 1)), hostPort.substring(0, colon));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(setting + " must be host:port, got '" + hostPort + "'");
    }
  }

  /** Maps a remote NOT_FOUND to {@link NotFound} with {@code message}; other failures pass through. */
  public static <T> Future<T> notFoundAs(Future<T> call, String message) {
    return call.recover(failure -> failure instanceof InvalidStatusException status
        && status.actualStatus() == GrpcStatus.NOT_FOUND
        ? Future.failedFuture(new NotFound(message)) : Future.failedFuture(failure));
  }
}

package io.mallbots.core.rpc;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.Address;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.ServiceMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client-side load balancing for calls addressed to {@link RpcEndpoints}: each call goes to the
 * next instance in turn (round robin). An instance that cannot be reached is skipped for {@code
 * backoff}; it is still tried when every instance is skipped. A call whose request cannot even be
 * opened (connection refused, no route: nothing was sent) is tried on the next instance, which is
 * safe for every RPC, reads and writes alike. A call that fails after it was sent is never repeated
 * here, since the callee may have acted on it: the failure goes back to the caller, and the
 * instance is skipped by the next calls when the failure was the connection's (not a gRPC status).
 * Calls to any other address pass straight through. Thread-safe; the futures complete on the
 * caller's context.
 */
final class BalancingGrpcClient implements GrpcClient {

  private static final Logger log = LoggerFactory.getLogger(BalancingGrpcClient.class);

  private final GrpcClient client;
  private final long backoffNanos;
  private final Map<RpcEndpoints, AtomicInteger> turns = new ConcurrentHashMap<>();
  private final Map<SocketAddress, Long> skippedUntil = new ConcurrentHashMap<>();

  BalancingGrpcClient(GrpcClient client, Duration backoff) {
    this.client = client;
    this.backoffNanos = backoff.toNanos();
  }

  @Override
  public Future<GrpcClientRequest<Buffer, Buffer>> request(Address server) {
    return server instanceof RpcEndpoints endpoints
        ? attempt(order(endpoints), 0, client::request)
        : client.request(server);
  }

  @Override
  public Future<GrpcClientRequest<Buffer, Buffer>> request() {
    return client.request();
  }

  @Override
  public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(
      Address server, ServiceMethod<Resp, Req> method) {
    return server instanceof RpcEndpoints endpoints
        ? attempt(order(endpoints), 0, address -> client.request(address, method))
        : client.request(server, method);
  }

  @Override
  public <Req, Resp> Future<GrpcClientRequest<Req, Resp>> request(ServiceMethod<Resp, Req> method) {
    return client.request(method);
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  /**
   * The instances to try for one call: from the next in turn on, the ones being skipped moved to
   * the end.
   */
  List<SocketAddress> order(RpcEndpoints endpoints) {
    List<SocketAddress> all = endpoints.addresses();
    int start =
        Math.floorMod(
            turns.computeIfAbsent(endpoints, e -> new AtomicInteger()).getAndIncrement(),
            all.size());
    long now = System.nanoTime();
    List<SocketAddress> order = new ArrayList<>(all.size());
    List<SocketAddress> skipped = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      SocketAddress address = all.get((start + i) % all.size());
      (skipping(address, now) ? skipped : order).add(address);
    }
    order.addAll(skipped);
    return order;
  }

  private <R extends GrpcClientRequest<?, ?>> Future<R> attempt(
      List<SocketAddress> order, int index, Function<SocketAddress, Future<R>> open) {
    SocketAddress address = order.get(index);
    return open.apply(address)
        .transform(
            opened -> {
              if (opened.succeeded()) {
                skippedUntil.remove(address);
                watch(address, opened.result());
                return Future.succeededFuture(opened.result());
              }
              skip(address, opened.cause());
              return index + 1 < order.size()
                  ? attempt(order, index + 1, open)
                  : Future.failedFuture(opened.cause());
            });
  }

  /**
   * A connection that breaks during the call (not an answer with a status) puts its instance aside
   * too.
   */
  private void watch(SocketAddress address, GrpcClientRequest<?, ?> request) {
    request
        .response()
        .onFailure(
            failure -> {
              if (!(failure instanceof InvalidStatusException)) {
                skip(address, failure);
              }
            });
  }

  private void skip(SocketAddress address, Throwable cause) {
    Long before = skippedUntil.put(address, System.nanoTime() + backoffNanos);
    if (before == null) {
      log.warn(
          "gRPC instance {}:{} cannot be reached ({}): skipping it for {} ms",
          address.host(),
          address.port(),
          cause.toString(),
          Duration.ofNanos(backoffNanos).toMillis());
    }
  }

  private boolean skipping(SocketAddress address, long now) {
    Long until = skippedUntil.get(address);
    return until != null && until - now > 0;
  }
}

package io.mallbots.core.testing;

import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.mallbots.core.domain.DomainException;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.rpc.RpcEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.server.GrpcServer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The common part of a stand-in for another service: its contract served over real gRPC with the
 * core's {@link RpcEndpoint} on an ephemeral loopback port, lookups answered as the real services
 * answer them (INVALID_ARGUMENT for a non-UUID id, NOT_FOUND for an unknown one), the calls
 * counted, and a switch that stops it answering (the caller's deadline then passes). Subclasses
 * hold the data and call {@link #serve} once.
 */
public abstract class FakeGrpcServer implements AutoCloseable {

  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean silent;
  private HttpServer server;

  /**
   * Serves {@code implementation} (the generated service base) for {@code descriptor}; blocks until
   * it listens.
   */
  protected final void serve(Vertx vertx, ServiceDescriptor descriptor, Object implementation) {
    GrpcServer grpc =
        GrpcServer.server(vertx).addService(RpcEndpoint.of(descriptor, implementation));
    server = vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1").await();
  }

  /**
   * Answers a lookup of {@code id}: counted; never while silent; INVALID_ARGUMENT unless a UUID;
   * otherwise {@code found}, or {@code unknown} when {@code found} gives null. Runs on the server's
   * event loop.
   */
  protected final <T> Future<T> answer(
      String id, Supplier<T> found, Supplier<DomainException> unknown) {
    calls.incrementAndGet();
    if (silent) {
      return Promise.<T>promise().future();
    }
    try {
      UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new Invalid("id must be a UUID, got '" + id + "'"));
    }
    T response = found.get();
    return response == null ? Future.failedFuture(unknown.get()) : Future.succeededFuture(response);
  }

  /** Lookups so far. */
  public int calls() {
    return calls.get();
  }

  /** While silent, the fake never answers. */
  public void silent(boolean silent) {
    this.silent = silent;
  }

  public SocketAddress address() {
    return SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1");
  }

  /** The value of the caller's {@code <SERVICE>_GRPC_ENDPOINT} that reaches this fake. */
  public String endpoint() {
    return "127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() {
    server.close().await();
  }
}

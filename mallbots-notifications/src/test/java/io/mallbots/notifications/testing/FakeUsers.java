package io.mallbots.notifications.testing;

import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.rpc.RpcEndpoint;
import io.mallbots.users.v1.GetUserRequest;
import io.mallbots.users.v1.GetUserResponse;
import io.mallbots.users.v1.User;
import io.mallbots.users.v1.UserServiceGrpcService;
import io.mallbots.users.v1.UserServiceService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.server.GrpcServer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the users service: GetUser over real gRPC, served with the core's {@link RpcEndpoint} on an
 * ephemeral port, answering as users does (INVALID_ARGUMENT for a non-UUID id, NOT_FOUND for a stranger). It
 * counts the calls and can be told to stop answering (the caller's deadline then passes).
 */
public final class FakeUsers implements AutoCloseable {

  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean silent;
  private final HttpServer server;

  private FakeUsers(Vertx vertx) {
    GrpcServer grpc = GrpcServer.server(vertx)
        .addService(RpcEndpoint.of(UserServiceGrpcService.SERVICE_DESCRIPTOR, new Directory()));
    server = vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1").await();
  }

  public static FakeUsers start(Vertx vertx) {
    return new FakeUsers(vertx);
  }

  /** A registered user with a new UUID id, {@code name@example.com}; returns the id. */
  public String register(String name) {
    String id = UUID.randomUUID().toString();
    users.put(id, User.newBuilder().setId(id).setUsername(name).setEmail(name + "@example.com").setEnabled(true)
        .build());
    return id;
  }

  /** GetUser calls so far. */
  public int calls() {
    return calls.get();
  }

  /** While silent, GetUser never answers. */
  public void silent(boolean silent) {
    this.silent = silent;
  }

  public SocketAddress address() {
    return SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1");
  }

  /** The value of {@code USERS_GRPC_ENDPOINT} that reaches this fake. */
  public String endpoint() {
    return "127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() {
    server.close().await();
  }

  /** The users service's GetUser, from the map. */
  private final class Directory extends UserServiceService {
    @Override
    public Future<GetUserResponse> getUser(GetUserRequest request) {
      calls.incrementAndGet();
      if (silent) {
        return Promise.<GetUserResponse>promise().future();
      }
      try {
        UUID.fromString(request.getId());
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new Invalid("id must be a UUID, got '" + request.getId() + "'"));
      }
      User user = users.get(request.getId());
      return user == null ? Future.failedFuture(new NotFound("USER_NOT_FOUND", "no user " + request.getId()))
          : Future.succeededFuture(GetUserResponse.newBuilder().setUser(user).build());
    }
  }
}

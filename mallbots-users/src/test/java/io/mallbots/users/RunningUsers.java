package io.mallbots.users;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.observability.Observability;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.core.testing.TestServices;
import io.mallbots.users.agent.UsersVerticle;
import io.mallbots.users.application.Passwords;
import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.PasswordHash;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The users service deployed as in production, on a schema of its own and the given broker (the in-JVM
 * one by default), with bcrypt at its cheapest cost (every run counted); real gRPC and HTTP clients, also
 * from other loopback addresses (127.0.0.2, ...), as other clients would call; everything published on the
 * observed topics is recorded, through a connection of its own to the same broker.
 */
public final class RunningUsers implements AutoCloseable {

  private final PostgresSettings database = TestDatabases.freshSchema("users");
  private final Vertx vertx = Observability.vertx(new VertxOptions(), "users-test", null);
  private final List<Message> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger bcryptRuns = new AtomicInteger();
  private final UsersVerticle service;
  private final GrpcClient grpcClient;
  private final UserServiceGrpcClient grpc;
  private final WebClient http;
  private final EventStream observer;
  private final Map<String, Caller> callers = new ConcurrentHashMap<>();

  /** On the in-JVM broker. */
  public static RunningUsers inMemory(String... observedTopics) {
    return new RunningUsers("memory", Map.of(), observedTopics);
  }

  /** On the in-JVM broker, with {@code settings} over the defaults. */
  public static RunningUsers inMemory(Map<String, String> settings, String... observedTopics) {
    return new RunningUsers("memory", settings, observedTopics);
  }

  /** On {@code eventServer}: kafka, nats or memory. */
  public static RunningUsers on(String eventServer, String... observedTopics) {
    return new RunningUsers(eventServer, Map.of(), observedTopics);
  }

  private RunningUsers(String eventServer, Map<String, String> settings, String... observedTopics) {
    Map<String, String> overrides = new HashMap<>(TestServices.overrides(database, eventServer));
    overrides.put("BCRYPT_COST", "4");
    overrides.putAll(settings);
    service = new UsersVerticle(overrides, this::counted);
    vertx.deployVerticle(service).await();
    observer = EventStreams.connect(vertx, service.agent().settings()).await();
    for (String topic : observedTopics) {
      observer.subscribe(topic, "observer-" + UUID.randomUUID(), message -> {
        published.add(message);
        return Future.succeededFuture();
      }).await();
    }
    grpcClient = GrpcClient.client(vertx);
    grpc = UserServiceGrpcClient.create(grpcClient, grpcAddress());
    http = WebClient.create(vertx);
  }

  public Vertx vertx() {
    return vertx;
  }

  /** How many times bcrypt ran (hashing or checking a password) since the service started. */
  public int bcryptRuns() {
    return bcryptRuns.get();
  }

  private Passwords counted(Passwords bcrypt) {
    return new Passwords() {
      @Override
      public Future<PasswordHash> hash(Password password) {
        bcryptRuns.incrementAndGet();
        return bcrypt.hash(password);
      }

      @Override
      public Future<Boolean> matches(Password password, PasswordHash hash) {
        bcryptRuns.incrementAndGet();
        return bcrypt.matches(password, hash);
      }
    };
  }

  public UserServiceGrpcClient grpc() {
    return grpc;
  }

  /** How a gRPC call ended: the generated client reports the status of a failure, but not its message. */
  public record GrpcOutcome(GrpcStatus status, String message) {
  }

  /** Calls {@code method} and tells how it ended. */
  public <Req, Resp> GrpcOutcome outcome(ServiceMethod<Resp, Req> method, Req request) {
    return outcome(grpcClient, method, request, null);
  }

  /** Calls {@code method} with {@code authorization: Bearer <token>} and tells how it ended. */
  public <Req, Resp> GrpcOutcome outcome(ServiceMethod<Resp, Req> method, Req request, String bearer) {
    return outcome(grpcClient, method, request, bearer);
  }

  private <Req, Resp> GrpcOutcome outcome(GrpcClient client, ServiceMethod<Resp, Req> method, Req request,
                                          String bearer) {
    return client.request(grpcAddress(), method)
        .compose(call -> {
          if (bearer != null) {
            call.headers().set("authorization", "Bearer " + bearer);
          }
          return call.send(request).compose(sent -> call.response());
        })
        .compose(response -> response.end().transform(ended ->
            Future.succeededFuture(new GrpcOutcome(response.status(), response.statusMessage()))))
        .await();
  }

  /** A client whose connections come from {@code localAddress}, a loopback address such as 127.0.0.2. */
  public Caller from(String localAddress) {
    return callers.computeIfAbsent(localAddress, Caller::new);
  }

  /** Calls from one client address, over gRPC and over the JSON bridge. */
  public final class Caller {

    private final GrpcClient grpcClient;
    private final WebClient http;

    private Caller(String localAddress) {
      grpcClient = GrpcClient.client(vertx, new HttpClientOptions().setLocalAddress(localAddress));
      http = WebClient.create(vertx, new WebClientOptions().setLocalAddress(localAddress));
    }

    /** Calls {@code method} and tells how it ended. */
    public <Req, Resp> GrpcOutcome outcome(ServiceMethod<Resp, Req> method, Req request) {
      return RunningUsers.this.outcome(grpcClient, method, request, null);
    }

    /** Calls {@code rpc} on the JSON bridge. */
    public HttpResponse<Buffer> post(String rpc, JsonObject json) {
      return http.post(service.agent().httpPort(), "127.0.0.1", "/v1/api/users/" + rpc)
          .sendBuffer(Buffer.buffer(json.encode())).await();
    }
  }

  private SocketAddress grpcAddress() {
    return SocketAddress.inetSocketAddress(service.agent().grpcPort(), "127.0.0.1");
  }

  /** Calls {@code rpc} on the JSON bridge. */
  public HttpResponse<Buffer> post(String rpc, String json) {
    return http.post(service.agent().httpPort(), "127.0.0.1", "/v1/api/users/" + rpc)
        .sendBuffer(Buffer.buffer(json)).await();
  }

  public HttpResponse<Buffer> post(String rpc, JsonObject json) {
    return post(rpc, json.encode());
  }

  public HttpResponse<Buffer> get(String path) {
    return http.get(service.agent().httpPort(), "127.0.0.1", path).send().await();
  }

  /** What reached the observed topics about {@code aggregateId}, in the order it arrived. */
  public List<Message> publishedAbout(String aggregateId) {
    return published.stream().filter(m -> m.aggregateId().equals(aggregateId)).toList();
  }

  /** Publishes on the broker the service listens to, as another service would. */
  public void publish(Message message) {
    observer.publish(message).await();
  }

  @Override
  public void close() {
    observer.close().await();
    vertx.close().await();
    TestDatabases.drop(database);
  }
}

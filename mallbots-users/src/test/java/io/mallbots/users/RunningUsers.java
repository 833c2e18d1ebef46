package io.mallbots.users;

import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.RunningService;
import io.mallbots.users.agent.UsersVerticle;
import io.mallbots.users.application.Passwords;
import io.mallbots.users.domain.Password;
import io.mallbots.users.domain.PasswordHash;
import io.mallbots.users.v1.UserServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The users service deployed for a test class ({@link RunningService}) on the Vert.x that {@code
 * VertxExtension} injects, with bcrypt at its cheapest cost (every run counted); clients also from
 * other loopback addresses (127.0.0.2, ...), as other clients would call; everything published on
 * the observed topics is recorded.
 */
public final class RunningUsers extends RunningService<UsersVerticle> {

  private final List<Message> published = new CopyOnWriteArrayList<>();
  private final AtomicInteger bcryptRuns;
  private final Map<String, Caller> callers = new ConcurrentHashMap<>();

  /** On the in-JVM broker. */
  public static RunningUsers inMemory(Vertx vertx, String... observedTopics) {
    return new RunningUsers(vertx, "memory", Map.of(), new AtomicInteger(), observedTopics);
  }

  /** On the in-JVM broker, with {@code settings} over the defaults. */
  public static RunningUsers inMemory(
      Vertx vertx, Map<String, String> settings, String... observedTopics) {
    return new RunningUsers(vertx, "memory", settings, new AtomicInteger(), observedTopics);
  }

  /** On {@code eventServer}: kafka, nats or memory. */
  public static RunningUsers on(Vertx vertx, String eventServer, String... observedTopics) {
    return new RunningUsers(vertx, eventServer, Map.of(), new AtomicInteger(), observedTopics);
  }

  private RunningUsers(
      Vertx vertx,
      String eventServer,
      Map<String, String> settings,
      AtomicInteger bcryptRuns,
      String... observedTopics) {
    super(
        vertx,
        "users",
        eventServer,
        overrides -> new UsersVerticle(overrides, bcrypt -> counted(bcrypt, bcryptRuns)));
    this.bcryptRuns = bcryptRuns;
    set("BCRYPT_COST", "4");
    setAll(settings);
    start();
    for (String topic : observedTopics) {
      watch(topic, published);
    }
  }

  /** How many times bcrypt ran (hashing or checking a password) since the service started. */
  public int bcryptRuns() {
    return bcryptRuns.get();
  }

  private static Passwords counted(Passwords bcrypt, AtomicInteger runs) {
    return new Passwords() {
      @Override
      public Future<PasswordHash> hash(Password password) {
        runs.incrementAndGet();
        return bcrypt.hash(password);
      }

      @Override
      public Future<Boolean> matches(Password password, PasswordHash hash) {
        runs.incrementAndGet();
        return bcrypt.matches(password, hash);
      }
    };
  }

  public UserServiceGrpcClient grpc() {
    return UserServiceGrpcClient.create(grpcClient(), grpcAddress());
  }

  /**
   * How a gRPC call ended: the generated client reports the status of a failure, but not its
   * message.
   */
  public record GrpcOutcome(GrpcStatus status, String message) {}

  /** Calls {@code method} and tells how it ended. */
  public <Req, Resp> GrpcOutcome outcome(ServiceMethod<Resp, Req> method, Req request) {
    return outcome(grpcClient(), method, request, null);
  }

  /** Calls {@code method} with {@code authorization: Bearer <token>} and tells how it ended. */
  public <Req, Resp> GrpcOutcome outcome(
      ServiceMethod<Resp, Req> method, Req request, String bearer) {
    return outcome(grpcClient(), method, request, bearer);
  }

  private <Req, Resp> GrpcOutcome outcome(
      GrpcClient client, ServiceMethod<Resp, Req> method, Req request, String bearer) {
    return client
        .request(grpcAddress(), method)
        .compose(
            call -> {
              if (bearer != null) {
                call.headers().set("authorization", "Bearer " + bearer);
              }
              return call.send(request).compose(sent -> call.response());
            })
        .compose(
            response ->
                response
                    .end()
                    .transform(
                        ended ->
                            Future.succeededFuture(
                                new GrpcOutcome(response.status(), response.statusMessage()))))
        .await();
  }

  /**
   * A client whose connections come from {@code localAddress}, a loopback address such as
   * 127.0.0.2.
   */
  public Caller from(String localAddress) {
    return callers.computeIfAbsent(localAddress, Caller::new);
  }

  /** Calls from one client address, over gRPC and over the JSON bridge. */
  public final class Caller {

    private final GrpcClient grpcClient;
    private final WebClient http;

    private Caller(String localAddress) {
      grpcClient =
          GrpcClient.client(vertx(), new HttpClientOptions().setLocalAddress(localAddress));
      http = WebClient.create(vertx(), new WebClientOptions().setLocalAddress(localAddress));
    }

    /** Calls {@code method} and tells how it ended. */
    public <Req, Resp> GrpcOutcome outcome(ServiceMethod<Resp, Req> method, Req request) {
      return RunningUsers.this.outcome(grpcClient, method, request, null);
    }

    /** Calls {@code rpc} on the JSON bridge. */
    public HttpResponse<Buffer> post(String rpc, JsonObject json) {
      return http.post(verticle().agent().httpPort(), "127.0.0.1", "/v1/api/users/" + rpc)
          .sendBuffer(Buffer.buffer(json.encode()))
          .await();
    }
  }

  public HttpResponse<Buffer> post(String rpc, JsonObject json) {
    return post(rpc, json.encode());
  }

  /** What reached the observed topics about {@code aggregateId}, in the order it arrived. */
  public List<Message> publishedAbout(String aggregateId) {
    return published.stream().filter(m -> m.aggregateId().equals(aggregateId)).toList();
  }
}

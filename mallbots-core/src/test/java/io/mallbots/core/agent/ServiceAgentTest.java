package io.mallbots.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.db.Database;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.messaging.memory.MemoryEventStream;
import io.mallbots.core.observability.Observability;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.core.probe.v1.EchoRequest;
import io.mallbots.core.probe.v1.EchoResponse;
import io.mallbots.core.probe.v1.ProbeServiceGrpcClient;
import io.mallbots.core.probe.v1.ProbeServiceGrpcService;
import io.mallbots.core.probe.v1.ProbeServiceService;
import io.mallbots.core.testing.TcpProxy;
import io.mallbots.core.testing.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A probe service wired by the agent, exercised through real gRPC and HTTP clients. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAgentTest {

  private static final String ECHOED = "mallbots.probe.events.Echo";

  private final PostgresSettings database = TestDatabases.freshSchema("agent_test");
  private Vertx vertx;
  private TcpProxy proxy;
  private ProbeVerticle probe;
  private WebClient http;
  private GrpcClient grpc;

  @BeforeAll
  void start() {
    vertx = Observability.vertx(new VertxOptions(), "probe", null);
    proxy = new TcpProxy(vertx, database.host(), database.port()).start().await();
    Map<String, String> environment = new HashMap<>(TestDatabases.asEnvironment(database));
    environment.put("POSTGRES_PORT", Integer.toString(proxy.port()));
    environment.put("GRPC_SERVER_HOST", "127.0.0.1");
    environment.put("HTTP_SERVER_HOST", "127.0.0.1");
    environment.put("MAX_REQUESTS_IN_FLIGHT", "2");
    probe =
        new ProbeVerticle(CoreSettings.from(Settings.load(vertx, "probe", environment).await()));
    vertx.deployVerticle(probe).await();
    http = WebClient.create(vertx);
    grpc = GrpcClient.client(vertx);
  }

  @AfterAll
  void stop() {
    vertx.close().await();
    TestDatabases.drop(database);
  }

  @Test
  void grpc_health_says_serving() {
    var check =
        ServiceMethod.client(
            ServiceName.create("grpc.health.v1.Health"),
            "Check",
            GrpcMessageEncoder.<HealthCheckRequest>encoder(),
            GrpcMessageDecoder.<HealthCheckResponse>decoder(
                HealthCheckResponse.getDefaultInstance()));
    HealthCheckResponse response =
        grpc.request(grpcAddress(), check)
            .compose(
                request ->
                    request
                        .send(
                            HealthCheckRequest.newBuilder()
                                .setService("mallbots.probe.v1.ProbeService")
                                .build())
                        .compose(v -> request.response())
                        .compose(r -> r.last()))
            .await();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void an_rpc_answers_over_grpc_and_its_domain_errors_become_statuses() {
    var client = ProbeServiceGrpcClient.create(grpc, grpcAddress());
    assertThat(client.echo(EchoRequest.newBuilder().setText("hi").build()).await().getText())
        .isEqualTo("hi");

    assertThatThrownBy(
            () -> client.echo(EchoRequest.newBuilder().setFailWith("NotFound").build()).await())
        .isInstanceOfSatisfying(
            InvalidStatusException.class,
            e -> assertThat(e.actualStatus()).isEqualTo(GrpcStatus.NOT_FOUND));
    assertThatThrownBy(
            () -> client.echo(EchoRequest.newBuilder().setFailWith("crash").build()).await())
        .isInstanceOfSatisfying(
            InvalidStatusException.class,
            e -> assertThat(e.actualStatus()).isEqualTo(GrpcStatus.INTERNAL));
  }

  @Test
  void the_same_rpc_answers_as_json_over_http_with_the_same_error_mapping() {
    HttpResponse<Buffer> ok =
        post("/v1/api/probe/Echo", "{\"text\":\"hello\",\"numbers\":[\"1\",2]}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("text", "hello").put("amount", 0.0));

    HttpResponse<Buffer> conflict = post("/v1/api/probe/Echo", "{\"failWith\":\"Conflict\"}");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.bodyAsJsonObject().getString("code")).isEqualTo("FAILED_PRECONDITION");
    assertThat(conflict.bodyAsJsonObject().getString("message")).isEqualTo("not now");

    HttpResponse<Buffer> unavailable = post("/v1/api/probe/Echo", "{\"failWith\":\"Unavailable\"}");
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.bodyAsJsonObject().getString("code")).isEqualTo("UNAVAILABLE");
    assertThat(unavailable.bodyAsString()).doesNotContain("stores:5090");
    assertThat(post("/v1/api/probe/Echo", "{\"failWith\":\"TimedOut\"}").statusCode())
        .isEqualTo(503);
  }

  @Test
  void beyond_the_requests_in_flight_a_call_is_refused_at_once_and_told_when_to_come_back() {
    var client = ProbeServiceGrpcClient.create(grpc, grpcAddress());
    var first = client.echo(EchoRequest.newBuilder().setText("hold").build());
    var second = client.echo(EchoRequest.newBuilder().setText("hold").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> probe.echo.held.size() == 2);

    assertThatThrownBy(() -> client.echo(EchoRequest.newBuilder().setText("hi").build()).await())
        .isInstanceOfSatisfying(
            InvalidStatusException.class,
            refused -> assertThat(refused.actualStatus()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED));
    HttpResponse<Buffer> busy = post("/v1/api/probe/Echo", "{\"text\":\"hi\"}");
    assertThat(busy.statusCode()).isEqualTo(429);
    assertThat(busy.getHeader("Retry-After")).isEqualTo("1");
    assertThat(busy.bodyAsJsonObject().getString("code")).isEqualTo("RESOURCE_EXHAUSTED");

    probe.echo.held.forEach(
        call -> call.complete(EchoResponse.newBuilder().setText("let go").build()));
    probe.echo.held.clear();
    assertThat(first.await().getText()).isEqualTo("let go");
    assertThat(second.await().getText()).isEqualTo("let go");
    assertThat(client.echo(EchoRequest.newBuilder().setText("hi").build()).await().getText())
        .isEqualTo("hi");
  }

  @Test
  void malformed_json_gets_400_with_a_json_body() {
    for (String body :
        new String[] {"{", "{\"text\": 5}", "{\"nope\": 1}", "{\"numbers\": [\"x\"]}", "[]"}) {
      HttpResponse<Buffer> response = post("/v1/api/probe/Echo", body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("code"))
          .as(body)
          .isEqualTo("INVALID_ARGUMENT");
    }
    HttpResponse<Buffer> unknown = post("/v1/api/probe/Nope", "{}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.bodyAsJsonObject().getString("code")).isEqualTo("NOT_FOUND");
  }

  @Test
  void liveness_metrics_openapi_and_swagger_are_served() {
    assertThat(manage("/liveness").statusCode()).isEqualTo(200);

    post("/v1/api/probe/Echo", "{}");
    String metrics = manage("/metrics").bodyAsString();
    assertThat(metrics)
        .contains("vertx_http_server_requests_total")
        .contains("jvm_memory_used_bytes")
        .contains(
            "mallbots_rpc_seconds_count{method=\"ProbeService/Echo\",service=\"probe\",status=\"OK\","
                + "transport=\"http\"}")
        .contains(
            "mallbots_rpc_seconds_bucket{method=\"ProbeService/Echo\",service=\"probe\",status=\"OK\","
                + "transport=\"http\",le=\"0.001\"}");
    assertThat(metrics.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{")))
        .allMatch(line -> line.contains("service=\"probe\""));

    JsonObject openApi = get("/openapi.json").bodyAsJsonObject();
    assertThat(openApi.getJsonObject("paths").containsKey("/v1/api/probe/Echo")).isTrue();
    assertThat(
            openApi
                .getJsonObject("components")
                .getJsonObject("schemas")
                .getJsonObject("mallbots_probe_v1_EchoRequest")
                .getJsonObject("properties")
                .fieldNames())
        .containsExactlyInAnyOrder("text", "failWith", "numbers", "at");
    JsonObject echo =
        openApi.getJsonObject("paths").getJsonObject("/v1/api/probe/Echo").getJsonObject("post");
    assertThat(echo.getString("description")).startsWith("Echoes the text back");
    assertThat(echo.getJsonArray("security").encode()).isEqualTo("[{\"bearerAuth\":[]}]");
    assertThat(get("/swagger/").bodyAsString()).contains("swagger-ui");
    assertThat(get("/swagger/swagger-initializer.js").bodyAsString()).contains("/openapi.json");
  }

  @Test
  void events_raised_by_a_request_continue_its_trace_over_the_broker() {
    var received = new java.util.concurrent.CopyOnWriteArrayList<Message>();
    var observer = new MemoryEventStream(vertx, EventStreams.inProcessBroker());
    observer
        .subscribe(
            ECHOED,
            "trace-observer",
            m -> {
              received.add(m);
              return Future.succeededFuture();
            })
        .await();
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    HttpResponse<Buffer> response =
        http.post(probe.agent.httpPort(), "127.0.0.1", "/v1/api/probe/Echo")
            .putHeader("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .sendBuffer(Buffer.buffer("{\"text\":\"publish\"}"))
            .await();

    assertThat(response.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    assertThat(received.get(0).metadata(Metadata.TRACEPARENT)).startsWith("00-" + traceId + "-");
    observer.close().await();
  }

  @Test
  void health_and_metrics_live_on_the_management_port_only() {
    assertThat(probe.agent.managementPort()).isNotEqualTo(probe.agent.httpPort());
    for (String path : new String[] {"/liveness", "/readiness", "/metrics", "/dead-letters"}) {
      assertThat(get(path).statusCode()).as("%s on the API port", path).isEqualTo(404);
    }
    assertThat(manage("/openapi.json").statusCode()).isEqualTo(404);
    assertThat(manage("/dead-letters").statusCode()).isEqualTo(200);
  }

  @Test
  void readiness_follows_the_database() {
    await().atMost(Duration.ofSeconds(10)).until(() -> manage("/readiness").statusCode() == 200);

    proxy.cut().await();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                HttpResponse<Buffer> response = manage("/readiness");
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.bodyAsJsonObject().getString("outcome")).isEqualTo("DOWN");
              });
    } finally {
      proxy.restore().await();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> manage("/readiness").statusCode() == 200);
  }

  private SocketAddress grpcAddress() {
    return SocketAddress.inetSocketAddress(probe.agent.grpcPort(), "127.0.0.1");
  }

  private HttpResponse<Buffer> get(String path) {
    return http.get(probe.agent.httpPort(), "127.0.0.1", path).send().await();
  }

  /** A GET on the management port: health, metrics, admin routes. */
  private HttpResponse<Buffer> manage(String path) {
    return http.get(probe.agent.managementPort(), "127.0.0.1", path).send().await();
  }

  private HttpResponse<Buffer> post(String path, String body) {
    return http.post(probe.agent.httpPort(), "127.0.0.1", path)
        .sendBuffer(Buffer.buffer(body))
        .await();
  }

  /** The smallest service: one RPC, wired the way every real service is. */
  static final class ProbeVerticle extends VerticleBase {
    private final CoreSettings settings;
    ServiceAgent agent;
    EchoServer echo;

    ProbeVerticle(CoreSettings settings) {
      this.settings = settings;
    }

    @Override
    public Future<?> start() {
      return ServiceAgent.start(vertx, settings)
          .compose(
              started -> {
                agent = started;
                echo = new EchoServer(agent.database());
                return agent.serve(ProbeServiceGrpcService.SERVICE_DESCRIPTOR, echo).listen();
              });
    }

    @Override
    public Future<?> stop() {
      return agent.stop();
    }
  }

  static final class EchoServer extends ProbeServiceService {
    private final Database database;

    /** Calls asking to be held wait here until a test lets them go. */
    final java.util.List<io.vertx.core.Promise<EchoResponse>> held =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    EchoServer(Database database) {
      this.database = database;
    }

    @Override
    public Future<EchoResponse> echo(EchoRequest request) {
      if (request.getText().equals("hold")) {
        io.vertx.core.Promise<EchoResponse> promise = io.vertx.core.Promise.promise();
        held.add(promise);
        return promise.future();
      }
      if (request.getText().equals("publish")) {
        return database
            .inTransaction(
                tx ->
                    Outbox.append(tx, Message.create(ECHOED, "probe.Echoed", "echo", new byte[0])))
            .map(EchoResponse.newBuilder().setText("published").build());
      }
      return switch (request.getFailWith()) {
        case "" ->
            Future.succeededFuture(EchoResponse.newBuilder().setText(request.getText()).build());
        case "NotFound" -> Future.failedFuture(new NotFound("no such echo"));
        case "Conflict" -> Future.failedFuture(new Conflict("not now"));
        case "Unavailable" ->
            Future.failedFuture(new java.net.ConnectException("Connection refused: stores:5090"));
        case "TimedOut" ->
            Future.failedFuture(
                new io.vertx.grpc.common.GrpcErrorException(
                    io.vertx.grpc.common.GrpcError.CANCELLED, GrpcStatus.CANCELLED));
        default -> throw new IllegalStateException("a bug");
      };
    }
  }
}

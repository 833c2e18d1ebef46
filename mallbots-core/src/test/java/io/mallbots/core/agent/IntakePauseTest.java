package io.mallbots.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.agent.ServiceAgentTest.ProbeVerticle;
import io.mallbots.core.auth.AccessTokens;
import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.probe.v1.EchoRequest;
import io.mallbots.core.probe.v1.EchoResponse;
import io.mallbots.core.rpc.IntakeSwitch;
import io.mallbots.core.rpc.RpcRefusal;
import io.mallbots.core.testing.TestDatabases;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The intake switch of a service, as {@code make run-services} has it (token keys, tokens not
 * required): paused, outside callers are refused over gRPC and JSON with a retry hint, readiness
 * says why, another service still gets through, and {@code /drain} reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakePauseTest {

  private static final ServiceMethod<EchoResponse, EchoRequest> ECHO =
      ServiceMethod.client(
          ServiceName.create("mallbots.probe.v1.ProbeService"),
          "Echo",
          GrpcMessageEncoder.encoder(),
          GrpcMessageDecoder.decoder(EchoResponse.getDefaultInstance()));

  private final PostgresSettings database = TestDatabases.freshSchema("intake_test");
  private final AuthKeys keys = AuthKeys.throwAway();
  private Vertx vertx;
  private ProbeVerticle probe;
  private WebClient http;
  private GrpcClient grpc;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    Map<String, String> environment = new HashMap<>(TestDatabases.asEnvironment(database));
    environment.put("GRPC_SERVER_HOST", "127.0.0.1");
    environment.put("HTTP_SERVER_HOST", "127.0.0.1");
    environment.putAll(keys.asSettings());
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
  void paused_it_refuses_outside_callers_and_keeps_serving_the_malls_services() {
    assertThat(manage("POST", "/intake/pause").bodyAsJsonObject().getBoolean("paused")).isTrue();
    try {
      GrpcClientResponse<EchoRequest, EchoResponse> refused = echo(null);
      assertThat(refused.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
      String wait = refused.trailers().get(RpcRefusal.RETRY_AFTER_MS_TRAILER);
      if (wait == null) {
        wait = refused.headers().get(RpcRefusal.RETRY_AFTER_MS_TRAILER); // trailers-only answer
      }
      assertThat(wait).isEqualTo(Long.toString(IntakeSwitch.RETRY_AFTER.toMillis()));

      HttpResponse<Buffer> overJson =
          http.post(probe.agent.httpPort(), "127.0.0.1", "/v1/api/probe/Echo")
              .sendBuffer(Buffer.buffer("{\"text\":\"hi\"}"))
              .await();
      assertThat(overJson.statusCode()).isEqualTo(503);
      assertThat(overJson.getHeader("Retry-After")).isEqualTo("5");
      assertThat(overJson.bodyAsJsonObject().getString("code")).isEqualTo("UNAVAILABLE");

      HttpResponse<Buffer> readiness = manage("GET", "/readiness");
      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(readiness.bodyAsString()).contains("intake paused for a broker swap");

      String serviceToken =
          new AccessTokens(
                  null, keys.serviceKey().getBytes(StandardCharsets.UTF_8), Clock.systemUTC())
              .serviceToken("stores", "probe", Duration.ofMinutes(1));
      GrpcClientResponse<EchoRequest, EchoResponse> fromService = echo(serviceToken);
      assertThat(fromService.status()).isEqualTo(GrpcStatus.OK);

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                JsonObject drain = manage("GET", "/drain").bodyAsJsonObject();
                assertThat(drain.getString("service")).isEqualTo("probe");
                assertThat(drain.getBoolean("paused")).isTrue();
                assertThat(drain.getJsonObject("outbox").getLong("pending")).isZero();
                assertThat(drain.getJsonObject("outbox").getLong("parked")).isZero();
                assertThat(drain.getBoolean("drained")).isTrue();
              });
    } finally {
      manage("POST", "/intake/resume");
    }
    assertThat(echo(null).status()).isEqualTo(GrpcStatus.OK);
    assertThat(manage("GET", "/readiness").statusCode()).isEqualTo(200);
  }

  /** One Echo over gRPC, with {@code token} or none; the answer, read to its end. */
  private GrpcClientResponse<EchoRequest, EchoResponse> echo(String token) {
    return grpc.request(SocketAddress.inetSocketAddress(probe.agent.grpcPort(), "127.0.0.1"), ECHO)
        .compose(
            request -> {
              if (token != null) {
                request.headers().set("authorization", "Bearer " + token);
              }
              return request
                  .send(EchoRequest.newBuilder().setText("hi").build())
                  .compose(v -> request.response());
            })
        .compose(
            response ->
                response.end().transform(ended -> io.vertx.core.Future.succeededFuture(response)))
        .await();
  }

  private HttpResponse<Buffer> manage(String method, String path) {
    return http.request(
            io.vertx.core.http.HttpMethod.valueOf(method),
            probe.agent.managementPort(),
            "127.0.0.1",
            path)
        .send()
        .await();
  }
}

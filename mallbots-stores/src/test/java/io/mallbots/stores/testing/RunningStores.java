package io.mallbots.stores.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.core.testing.TestServices;
import io.mallbots.stores.agent.StoresVerticle;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.util.function.Supplier;

/**
 * The stores service deployed as in production (its verticle, its own schema, ephemeral ports) with a
 * real gRPC client and a real HTTP client on its JSON bridge. {@link #close()} undeploys it and drops
 * the schema.
 */
public final class RunningStores implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final PostgresSettings database;
  private final StoresVerticle verticle;
  private final StoresServiceGrpcClient grpc;
  private final WebClient http;

  /** {@code eventServer}: memory, kafka or nats. */
  public RunningStores(String schemaPrefix, String eventServer) {
    database = TestDatabases.freshSchema(schemaPrefix);
    verticle = new StoresVerticle(TestServices.overrides(database, eventServer));
    vertx.deployVerticle(verticle).await();
    grpc = StoresServiceGrpcClient.create(GrpcClient.client(vertx),
        SocketAddress.inetSocketAddress(verticle.agent().grpcPort(), "127.0.0.1"));
    http = WebClient.create(vertx);
  }

  /** The settings the service runs with (its broker and event namespace), for observers of its events. */
  public io.mallbots.core.config.CoreSettings settings() {
    return verticle.agent().settings();
  }

  public Vertx vertx() {
    return vertx;
  }

  public StoresServiceGrpcClient grpc() {
    return grpc;
  }

  /** {@code POST /v1/api/stores/<rpc>} with {@code json} as the body. */
  public HttpResponse<Buffer> post(String rpc, String json) {
    return http.post(verticle.agent().httpPort(), "127.0.0.1", "/v1/api/stores/" + rpc)
        .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(json)).await();
  }

  public HttpResponse<Buffer> get(String path) {
    return http.get(verticle.agent().httpPort(), "127.0.0.1", path).send().await();
  }

  /** Asserts that the gRPC call fails with {@code status} (the JSON bridge tests check the messages). */
  public static void failsWith(GrpcStatus status, Supplier<Future<?>> call) {
    assertThatThrownBy(() -> call.get().await()).isInstanceOfSatisfying(InvalidStatusException.class,
        e -> assertThat(e.actualStatus()).isEqualTo(status));
  }

  @Override
  public void close() {
    vertx.close().await();
    TestDatabases.drop(database);
  }
}

package io.mallbots.baskets.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.baskets.adapters.pg.PgProducts;
import io.mallbots.baskets.adapters.pg.PgStores;
import io.mallbots.baskets.agent.BasketsVerticle;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.core.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The baskets service deployed for a test class, the way it runs: its own schema, ephemeral ports, the chosen
 * broker (the in-JVM one by default), a stand-in stores service behind {@code STORES_GRPC_ENDPOINT}, real gRPC
 * and HTTP clients, and an observer on its broker that publishes as stores would and watches what baskets
 * publishes. {@link #close()} undeploys it and drops the schema.
 */
public final class RunningBaskets implements AutoCloseable {

  private final PostgresSettings database;
  private final Vertx vertx;
  private final FakeStores stores;
  private final BasketsVerticle verticle;
  private final BasketServiceGrpcClient grpc;
  private final WebClient http;
  private EventStream observer;

  private RunningBaskets(PostgresSettings database, Vertx vertx, FakeStores stores, BasketsVerticle verticle) {
    this.database = database;
    this.vertx = vertx;
    this.stores = stores;
    this.verticle = verticle;
    this.grpc = BasketServiceGrpcClient.create(GrpcClient.client(vertx),
        SocketAddress.inetSocketAddress(verticle.agent().grpcPort(), "127.0.0.1"));
    this.http = WebClient.create(vertx);
  }

  /** On the in-JVM broker. */
  public static RunningBaskets start(String schemaPrefix) {
    return start(schemaPrefix, "memory");
  }

  /** On {@code eventServer}: kafka, nats or memory. */
  public static RunningBaskets start(String schemaPrefix, String eventServer) {
    return start(schemaPrefix, eventServer, Map.of());
  }

  /** On {@code eventServer}, with {@code settings} over the test defaults (e.g. fault injection). */
  public static RunningBaskets start(String schemaPrefix, String eventServer, Map<String, String> settings) {
    PostgresSettings database = TestDatabases.freshSchema(schemaPrefix);
    Vertx vertx = Vertx.vertx();
    FakeStores stores = FakeStores.start(vertx);
    var overrides = new HashMap<>(TestServices.overrides(database, eventServer));
    overrides.put("STORES_GRPC_ENDPOINT", stores.endpoint());
    overrides.put("STORES_GRPC_TIMEOUT_MS", "500");
    overrides.put("MESSAGE_MAX_ATTEMPTS", "3");
    overrides.putAll(settings);
    var verticle = new BasketsVerticle(overrides);
    vertx.deployVerticle(verticle).await();
    return new RunningBaskets(database, vertx, stores, verticle);
  }

  public BasketServiceGrpcClient grpc() {
    return grpc;
  }

  /** The stand-in stores service baskets asks on a catalog miss. */
  public FakeStores stores() {
    return stores;
  }

  /** {@code POST /v1/api/baskets/<rpc>} with {@code json} as the body. */
  public HttpResponse<Buffer> post(String rpc, String json) {
    return http.post(verticle.agent().httpPort(), "127.0.0.1", "/v1/api/baskets/" + rpc)
        .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(json)).await();
  }

  /** The service's copy of stores' products. */
  public PgProducts productCache() {
    return new PgProducts(verticle.agent().database());
  }

  /** The service's copy of stores' store names. */
  public PgStores storeCache() {
    return new PgStores(verticle.agent().database());
  }

  /** Publishes on the service's broker, as another service would. */
  public void publish(Message message) {
    observer().publish(message).await();
  }

  /** Publishes {@code event} and waits until the service has taken it in (inbox record, effect included). */
  public void handled(Message event) {
    publish(event);
    await().atMost(Duration.ofSeconds(30)).until(() -> taken(event));
  }

  /** Whether the service's inbox has {@code event}: handled, and acknowledged. */
  public boolean taken(Message event) {
    return number("SELECT count(*) FROM inbox WHERE message_id = '" + event.id() + "'") == 1;
  }

  /** What is published on {@code topic} of the service's broker, from the start, seen by a group of its own. */
  public List<Message> watch(String topic) {
    List<Message> seen = new CopyOnWriteArrayList<>();
    observer().subscribe(topic, "test-" + UUID.randomUUID(), message -> {
      seen.add(message);
      return Future.succeededFuture();
    }).await();
    return seen;
  }

  private synchronized EventStream observer() {
    if (observer == null) {
      observer = EventStreams.connect(vertx, verticle.agent().settings()).await();
    }
    return observer;
  }

  /** A single number from the service's schema, e.g. a count. */
  public long number(String sql) {
    return verticle.agent().database().pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  /** Asserts that the gRPC call fails with {@code status} (the JSON bridge tests check the messages). */
  public static void failsWith(GrpcStatus status, Supplier<Future<?>> call) {
    assertThatThrownBy(() -> call.get().await()).isInstanceOfSatisfying(InvalidStatusException.class,
        e -> assertThat(e.actualStatus()).isEqualTo(status));
  }

  @Override
  public void close() {
    if (observer != null) {
      observer.close().await();
    }
    vertx.close().await();
    TestDatabases.drop(database);
  }
}

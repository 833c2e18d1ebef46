package io.mallbots.search.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.core.testing.TestServices;
import io.mallbots.search.adapters.pg.PgOrders;
import io.mallbots.search.agent.SearchVerticle;
import io.mallbots.search.domain.OrderView;
import io.mallbots.search.v1.SearchServiceGrpcClient;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The search service deployed for a test class, the way it runs: its own schema, ephemeral ports, the chosen
 * broker (the in-JVM one by default), real gRPC and HTTP clients; events go in through its broker as ordering,
 * users and stores publish them, and what it recorded is read through its repository.
 */
public final class RunningSearch implements AutoCloseable {

  private final PostgresSettings database;
  private final Vertx vertx = Vertx.vertx();
  private final SearchVerticle verticle;
  private final SearchServiceGrpcClient grpc;
  private final WebClient http;
  private EventStream observer;

  /** On {@code eventServer}: kafka, nats or memory. */
  public RunningSearch(String schemaPrefix, String eventServer) {
    database = TestDatabases.freshSchema(schemaPrefix);
    verticle = new SearchVerticle(TestServices.overrides(database, eventServer));
    vertx.deployVerticle(verticle).await();
    grpc = SearchServiceGrpcClient.create(GrpcClient.client(vertx),
        SocketAddress.inetSocketAddress(verticle.agent().grpcPort(), "127.0.0.1"));
    http = WebClient.create(vertx);
  }

  /** On the in-JVM broker. */
  public RunningSearch(String schemaPrefix) {
    this(schemaPrefix, "memory");
  }

  public SearchServiceGrpcClient grpc() {
    return grpc;
  }

  /** {@code POST /v1/api/search/<rpc>} with {@code json} as the body. */
  public HttpResponse<Buffer> post(String rpc, String json) {
    return http.post(verticle.agent().httpPort(), "127.0.0.1", "/v1/api/search/" + rpc)
        .putHeader("content-type", "application/json").sendBuffer(Buffer.buffer(json)).await();
  }

  /** The order as the read model holds it (empty for unknown orders and placeholders). */
  public Optional<OrderView> order(String orderId) {
    return new PgOrders(verticle.agent().database()).find(orderId).await();
  }

  /** Publishes on the service's broker, as another service would. */
  public void publish(Message message) {
    observer().publish(message).await();
  }

  /** Publishes each event and waits until the service has taken it in (inbox record, effect included). */
  public void handled(Message... events) {
    for (Message event : events) {
      publish(event);
      await().atMost(Duration.ofSeconds(30)).until(() -> taken(event));
    }
  }

  /** Whether the service's inbox has {@code event}: handled, and acknowledged. */
  public boolean taken(Message event) {
    return number("SELECT count(*) FROM inbox WHERE message_id = '" + event.id() + "'") >= 1;
  }

  /** What is published on {@code topic} of the service's broker from now on, seen by a group of its own. */
  public List<Message> watch(String topic) {
    List<Message> seen = new CopyOnWriteArrayList<>();
    observer().subscribe(topic, "test-" + UUID.randomUUID(), message -> {
      seen.add(message);
      return Future.succeededFuture();
    }).await();
    return seen;
  }

  /** Waits until {@code event} is among the dead letters, and checks that it had no effect. */
  public void deadLettered(List<Message> deadLetters, Message event) {
    await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.stream().anyMatch(m -> m.id().equals(event.id())));
    assertThat(taken(event)).isFalse();
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

  /** Asserts that the gRPC call fails with {@code status} (the client sees no message; the JSON tests check them). */
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

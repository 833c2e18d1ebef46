package io.mallbots.notifications.testing;

import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.core.testing.TestServices;
import io.mallbots.notifications.adapters.pg.PgNotifications;
import io.mallbots.notifications.adapters.pg.PgUserCache;
import io.mallbots.notifications.agent.NotificationsVerticle;
import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.v1.NotificationsServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.grpc.client.GrpcClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The notifications service deployed for a test class, the way it runs: its own schema, ephemeral ports, the
 * chosen broker (the in-JVM one by default), a stand-in users service behind {@code USERS_GRPC_ENDPOINT}, real
 * gRPC and HTTP clients; what it recorded is read through its repositories.
 */
public final class RunningNotifications implements AutoCloseable {

  private final PostgresSettings database;
  private final Vertx vertx;
  private final FakeUsers users;
  private final NotificationsVerticle verticle;
  private final NotificationsServiceGrpcClient grpc;
  private final WebClient http;
  private EventStream observer;

  private RunningNotifications(PostgresSettings database, Vertx vertx, FakeUsers users,
                               NotificationsVerticle verticle) {
    this.database = database;
    this.vertx = vertx;
    this.users = users;
    this.verticle = verticle;
    this.grpc = NotificationsServiceGrpcClient.create(GrpcClient.client(vertx),
        SocketAddress.inetSocketAddress(verticle.agent().grpcPort(), "127.0.0.1"));
    this.http = WebClient.create(vertx);
  }

  /** On the in-JVM broker. */
  public static RunningNotifications start(String schemaPrefix) {
    return start(schemaPrefix, "memory");
  }

  /** On {@code eventServer}: kafka, nats or memory. */
  public static RunningNotifications start(String schemaPrefix, String eventServer) {
    PostgresSettings database = TestDatabases.freshSchema(schemaPrefix);
    Vertx vertx = Vertx.vertx();
    FakeUsers users = FakeUsers.start(vertx);
    var overrides = new HashMap<>(TestServices.overrides(database, eventServer));
    overrides.put("USERS_GRPC_ENDPOINT", users.endpoint());
    overrides.put("USERS_GRPC_TIMEOUT_MS", "500");
    var verticle = new NotificationsVerticle(overrides);
    vertx.deployVerticle(verticle).await();
    return new RunningNotifications(database, vertx, users, verticle);
  }

  public NotificationsServiceGrpcClient grpc() {
    return grpc;
  }

  /** The stand-in users service the notifications service asks. */
  public FakeUsers users() {
    return users;
  }

  /** Calls {@code rpc} on the JSON bridge. */
  public HttpResponse<Buffer> post(String rpc, String json) {
    return http.post(verticle.agent().httpPort(), "127.0.0.1", "/v1/api/notifications/" + rpc)
        .sendBuffer(Buffer.buffer(json)).await();
  }

  /** The notification of {@code kind} recorded for the order, if any. */
  public Optional<Notification> recorded(String orderId, NotificationKind kind) {
    return new PgNotifications(verticle.agent().database()).find(orderId, kind).await();
  }

  public PgUserCache userCache() {
    return new PgUserCache(verticle.agent().database());
  }

  /** Publishes on the service's broker, as another service would. */
  public void publish(Message message) {
    observer().publish(message).await();
  }

  /** Publishes {@code event} and waits until the service has taken it in (inbox record, effect included). */
  public void handled(Message event) {
    publish(event);
    await().atMost(Duration.ofSeconds(10)).until(() -> taken(event));
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

  @Override
  public void close() {
    if (observer != null) {
      observer.close().await();
    }
    vertx.close().await();
    TestDatabases.drop(database);
  }
}

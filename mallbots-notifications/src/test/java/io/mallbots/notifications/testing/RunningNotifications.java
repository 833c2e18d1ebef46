package io.mallbots.notifications.testing;

import io.mallbots.core.testing.RunningService;
import io.mallbots.notifications.adapters.pg.PgNotifications;
import io.mallbots.notifications.adapters.pg.PgUserCache;
import io.mallbots.notifications.agent.NotificationsVerticle;
import io.mallbots.notifications.domain.Notification;
import io.mallbots.notifications.domain.NotificationKind;
import io.mallbots.notifications.v1.NotificationsServiceGrpcClient;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * The notifications service deployed for a test class ({@link RunningService}), with a stand-in
 * users service behind {@code USERS_GRPC_ENDPOINT}; what it recorded is read through its
 * repositories.
 */
public final class RunningNotifications extends RunningService<NotificationsVerticle> {

  private final FakeUsers users;

  private RunningNotifications(Vertx vertx, String schemaPrefix, String eventServer) {
    super(vertx, schemaPrefix, eventServer, NotificationsVerticle::new);
    users = FakeUsers.start(vertx());
    set("USERS_GRPC_ENDPOINT", users.endpoint());
    set("USERS_GRPC_TIMEOUT_MS", "500");
  }

  /** On the in-JVM broker, on a Vert.x of its own. */
  public static RunningNotifications start(String schemaPrefix) {
    return start(null, schemaPrefix, "memory");
  }

  /** On {@code eventServer}: kafka, nats or memory, on a Vert.x of its own. */
  public static RunningNotifications start(String schemaPrefix, String eventServer) {
    return start(null, schemaPrefix, eventServer);
  }

  /** On {@code vertx} (e.g. injected by {@code VertxExtension}) and {@code eventServer}. */
  public static RunningNotifications start(Vertx vertx, String schemaPrefix, String eventServer) {
    RunningNotifications service = new RunningNotifications(vertx, schemaPrefix, eventServer);
    service.start();
    return service;
  }

  public NotificationsServiceGrpcClient grpc() {
    return NotificationsServiceGrpcClient.create(grpcClient(), grpcAddress());
  }

  /** The stand-in users service the notifications service asks. */
  public FakeUsers users() {
    return users;
  }

  /** The notification of {@code kind} recorded for the order, if any. */
  public Optional<Notification> recorded(String orderId, NotificationKind kind) {
    return new PgNotifications(database()).find(orderId, kind).await();
  }

  public PgUserCache userCache() {
    return new PgUserCache(database());
  }

  @Override
  public void close() {
    users.close();
    super.close();
  }
}

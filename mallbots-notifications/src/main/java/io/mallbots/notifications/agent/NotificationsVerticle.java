package io.mallbots.notifications.agent;

import io.mallbots.core.agent.ServiceAgent;
import io.mallbots.core.agent.ServiceVerticle;
import io.mallbots.notifications.adapters.grpc.GrpcUserDirectory;
import io.mallbots.notifications.adapters.log.LoggingNotifier;
import io.mallbots.notifications.adapters.pg.PgNotifications;
import io.mallbots.notifications.adapters.pg.PgUserCache;
import io.mallbots.notifications.application.NotificationsApplication;
import io.mallbots.notifications.application.Notifier;
import io.mallbots.notifications.ports.grpc.NotificationsGrpcServer;
import io.mallbots.notifications.ports.handlers.NotificationsEventHandlers;
import io.mallbots.notifications.v1.NotificationsServiceGrpcService;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Map;

/**
 * The notifications service: its API, the order and user subscriptions, the user cache and the
 * notifier.
 */
public final class NotificationsVerticle extends ServiceVerticle<NotificationsSettings> {

  public static final String SERVICE = "notifications";

  /** {@code overrides} win over the environment and {@code app.env} (tests, launchers). */
  public NotificationsVerticle(Map<String, String> overrides) {
    super(SERVICE, overrides, NotificationsSettings::from);
  }

  @Override
  protected Future<Void> wire(ServiceAgent agent, NotificationsSettings settings) {
    var database = agent.database();
    var app =
        new NotificationsApplication(
            database,
            new PgNotifications(database),
            new PgUserCache(database),
            new GrpcUserDirectory(agent.grpcClient(settings.usersTimeout()), settings.users()),
            notifier(settings.notifier()),
            Clock.systemUTC());
    agent.serve(
        NotificationsServiceGrpcService.SERVICE_DESCRIPTOR, new NotificationsGrpcServer(app));
    var handlers = new NotificationsEventHandlers(app);
    return Future.all(
            agent.subscribe(
                OrderingContract.ORDER_EVENTS, NotificationsEventHandlers.ORDER_GROUP, handlers),
            agent.subscribe(
                UsersContract.USER_EVENTS, NotificationsEventHandlers.USER_GROUP, handlers))
        .mapEmpty();
  }

  private static Notifier notifier(NotificationsSettings.Notifier kind) {
    return switch (kind) {
      case LOG -> new LoggingNotifier();
    };
  }
}

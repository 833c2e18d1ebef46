package io.mallbots.notifications.agent;

import io.mallbots.core.config.Settings;
import io.mallbots.core.rpc.RpcClients;
import io.vertx.core.net.SocketAddress;

/**
 * The notifications service's own settings (the rest are in {@code CoreSettings}). Built once at
 * start; a bad value fails the start with a message naming the variable.
 *
 * @param notifier {@code NOTIFIER}: how notifications are delivered; only {@code log} exists
 * @param users {@code USERS_GRPC_ENDPOINT}: users' gRPC address, asked when the user cache misses;
 *     a comma separated list for several instances ({@code RpcEndpoints}, balanced by the client)
 * @param usersTimeout {@code USERS_GRPC_TIMEOUT_MS}: deadline of each call to users
 */
public record NotificationsSettings(Notifier notifier, SocketAddress users, int usersTimeout) {

  /** The ways of delivering a notification. */
  public enum Notifier {
    LOG
  }

  public static NotificationsSettings from(Settings settings) {
    int timeout = settings.integer("USERS_GRPC_TIMEOUT_MS", 2000);
    if (timeout < 1) {
      throw new IllegalArgumentException(
          "USERS_GRPC_TIMEOUT_MS must be at least 1, got " + timeout);
    }
    return new NotificationsSettings(
        settings.choice("NOTIFIER", Notifier.class, Notifier.LOG),
        RpcClients.address("USERS_GRPC_ENDPOINT", settings.required("USERS_GRPC_ENDPOINT")),
        timeout);
  }
}

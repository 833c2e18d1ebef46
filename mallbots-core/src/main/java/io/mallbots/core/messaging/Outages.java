package io.mallbots.core.messaging;

import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;

/**
 * Tells a handler failure that says "something this service needs is down" (its database refused or
 * dropped the connection, a service it asks is unavailable) from one the message itself causes. The
 * first kind is no reason to give up on the message: it would work a few seconds later, when the
 * database is back.
 */
final class Outages {

  private Outages() {}

  static boolean isOutage(Throwable failure) {
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof ClosedConnectionException
          || cause instanceof ClosedChannelException
          || cause instanceof io.netty.channel.ConnectTimeoutException) {
        return true;
      }
      if (cause instanceof InvalidStatusException status
          && status.actualStatus() == GrpcStatus.UNAVAILABLE) {
        return true;
      }
    }
    return false;
  }
}

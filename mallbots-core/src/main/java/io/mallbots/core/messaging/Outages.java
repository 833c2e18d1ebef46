package io.mallbots.core.messaging;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusException;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure that says "something this service needs is down" from one the message itself
 * causes. The first kind is no reason to give up on the message: it would work a few seconds later,
 * when the database, the service or the broker is back. The one place that decides it: for handler
 * failures ({@link #isOutage}) and for failed publishes ({@link #isBrokerOutage}).
 */
public final class Outages {

  /** jnats' message for a publish on a closed connection (an {@link IllegalStateException}). */
  private static final String NATS_CONNECTION_CLOSED = "Connection is Closed";

  private static final int UNAVAILABLE = 503;

  private Outages() {}

  /**
   * Whether a handler failed because its database refused or dropped the connection, or a service
   * it asks is unavailable.
   */
  public static boolean isOutage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (connectionLost(cause)) {
        return true;
      }
      if (cause instanceof InvalidStatusException status
          && status.actualStatus() == GrpcStatus.UNAVAILABLE) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a publish failed because the broker is unreachable or for the moment cannot store
   * anything (no stream or partition leader), rather than because of the message: NATS "503 No
   * Responders" and JetStream 503 answers, timeouts, I/O errors and closed connections; Kafka's
   * retriable errors (timeouts, not leader or follower, network errors, too few replicas) and
   * broker not available. A message too large, unserializable or for an invalid topic is none of
   * these.
   */
  public static boolean isBrokerOutage(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = next(cause)) {
      if (connectionLost(cause)
          || cause instanceof IOException // jnats: "Error Publishing: 503 No Responders ..."
          || cause instanceof TimeoutException
          || cause instanceof CancellationException // jnats: request future cut off
          || cause.getClass().getSimpleName().endsWith("TimeoutException") // Vert.x, Netty
          || cause instanceof RetriableException
          || cause instanceof BrokerNotAvailableException
          || (cause instanceof JetStreamApiException api && api.getErrorCode() == UNAVAILABLE)
          || (cause instanceof JetStreamStatusException status
              && status.getStatus().getCode() == UNAVAILABLE)
          || (cause instanceof IllegalStateException
              && NATS_CONNECTION_CLOSED.equals(cause.getMessage()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean connectionLost(Throwable cause) {
    return cause instanceof ConnectException
        || cause instanceof ClosedConnectionException
        || cause instanceof ClosedChannelException
        || cause instanceof io.netty.channel.ConnectTimeoutException;
  }

  private static Throwable next(Throwable cause) {
    return cause.getCause() == cause ? null : cause.getCause();
  }
}

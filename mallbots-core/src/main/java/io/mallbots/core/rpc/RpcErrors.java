package io.mallbots.core.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.mallbots.core.domain.AlreadyExists;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.DomainException;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.domain.PermissionDenied;
import io.mallbots.core.domain.TooManyRequests;
import io.mallbots.core.domain.Unauthenticated;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become gRPC and HTTP statuses. Domain rejections keep their message;
 * anything unexpected is logged with its stack trace and reaches the caller as INTERNAL without
 * internals.
 */
public final class RpcErrors {

  private static final Logger log = LoggerFactory.getLogger(RpcErrors.class);

  /**
   * Longest message a caller gets. Rules often quote the bad value, and a 1 MB value in gRPC's
   * grpc-message trailer is over any HTTP/2 header limit: the caller would see the stream reset.
   */
  static final int MAX_MESSAGE_LENGTH = 300;

  private RpcErrors() {}

  /** The status and the message a caller sees for {@code failure}. */
  public static StatusException toStatus(String rpc, Throwable failure) {
    if (failure instanceof StatusException status) {
      return status.message() == null || status.message().length() <= MAX_MESSAGE_LENGTH
          ? status
          : new StatusException(status.status(), bounded(status.message()));
    }
    if (failure instanceof DomainException domain) {
      return new StatusException(statusOf(domain), bounded(domain.getMessage()));
    }
    if (failure instanceof InvalidProtocolBufferException
        || failure instanceof IllegalArgumentException) {
      return new StatusException(GrpcStatus.INVALID_ARGUMENT, bounded(failure.getMessage()));
    }
    if (failure instanceof PgException pg && pg.getSqlState() != null) {
      String state = pg.getSqlState();
      if (state.equals("23505")) {
        return new StatusException(GrpcStatus.ALREADY_EXISTS, "already exists");
      }
      if (state.startsWith("22")) { // data exception: a value the column cannot hold
        return new StatusException(
            GrpcStatus.INVALID_ARGUMENT, bounded("invalid value: " + pg.getErrorMessage()));
      }
      if (state.equals("40001") || state.equals("40P01")) {
        return new StatusException(GrpcStatus.ABORTED, "concurrent update, try again");
      }
    }
    if (failure instanceof ConnectionPoolTooBusyException) {
      return new StatusException(GrpcStatus.RESOURCE_EXHAUSTED, "too busy, try again");
    }
    if (isUnavailable(failure)) {
      // A service this one depends on did not answer: the caller may try again later.
      log.warn("{} failed: a dependency is unavailable: {}", rpc, failure.toString());
      return new StatusException(
          GrpcStatus.UNAVAILABLE, "a service this one needs is unavailable, try again");
    }
    log.error("{} failed unexpectedly", rpc, failure);
    return new StatusException(GrpcStatus.INTERNAL, "internal error");
  }

  /** {@code message} cut to {@link #MAX_MESSAGE_LENGTH} characters, marked where it was cut. */
  static String bounded(String message) {
    if (message == null || message.length() <= MAX_MESSAGE_LENGTH) {
      return message;
    }
    int end = MAX_MESSAGE_LENGTH - 3;
    if (Character.isHighSurrogate(message.charAt(end - 1))) {
      end--; // never half a character
    }
    return message.substring(0, end) + "...";
  }

  private static boolean isUnavailable(Throwable failure) {
    if (failure instanceof InvalidStatusException remote) {
      return remote.actualStatus() == GrpcStatus.UNAVAILABLE
          || remote.actualStatus() == GrpcStatus.DEADLINE_EXCEEDED;
    }
    if (failure instanceof GrpcErrorException reset) {
      // The client's own deadline cancels the call: the dependency was too slow.
      return reset.status() == GrpcStatus.CANCELLED
          || reset.status() == GrpcStatus.DEADLINE_EXCEEDED
          || reset.status() == GrpcStatus.UNAVAILABLE;
    }
    // A database connection refused or dropped mid-query (make chaos cut one) is as passing as a
    // service down.
    return failure instanceof java.net.ConnectException
        || failure instanceof java.util.concurrent.TimeoutException
        || failure instanceof io.vertx.sqlclient.ClosedConnectionException
        || failure instanceof io.vertx.core.http.StreamResetException
        || failure instanceof io.vertx.core.http.HttpClosedException;
  }

  /** The HTTP status the JSON bridge answers with for a gRPC status. */
  public static int httpStatus(GrpcStatus status) {
    return switch (status) {
      case OK -> 200;
      case INVALID_ARGUMENT, OUT_OF_RANGE -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case CANCELLED -> 499;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      default -> 500;
    };
  }

  private static GrpcStatus statusOf(DomainException exception) {
    if (exception instanceof Invalid) {
      return GrpcStatus.INVALID_ARGUMENT;
    } else if (exception instanceof NotFound) {
      return GrpcStatus.NOT_FOUND;
    } else if (exception instanceof Conflict) {
      return GrpcStatus.FAILED_PRECONDITION;
    } else if (exception instanceof AlreadyExists) {
      return GrpcStatus.ALREADY_EXISTS;
    } else if (exception instanceof Unauthenticated) {
      return GrpcStatus.UNAUTHENTICATED;
    } else if (exception instanceof PermissionDenied) {
      return GrpcStatus.PERMISSION_DENIED;
    } else if (exception instanceof TooManyRequests) {
      return GrpcStatus.RESOURCE_EXHAUSTED;
    }
    throw new AssertionError("unmapped " + exception.getClass());
  }
}

package io.mallbots.core.rpc;

import io.mallbots.core.domain.TooManyRequests;
import io.vertx.grpc.server.StatusException;
import java.time.Duration;

/**
 * A call answered with an error, as the caller sees it: the status (from {@link RpcErrors}) and,
 * when the caller should come back later (RESOURCE_EXHAUSTED, or UNAVAILABLE while the intake is
 * paused: {@link IntakeSwitch}), how long to wait. gRPC carries the wait in the trailer {@value
 * #RETRY_AFTER_MS_TRAILER}, the JSON bridge in {@code Retry-After}.
 */
public final class RpcRefusal extends RuntimeException {

  /** The gRPC trailer with the milliseconds to wait before trying again. */
  public static final String RETRY_AFTER_MS_TRAILER = "retry-after-ms";

  private final transient StatusException status;
  private final Duration retryAfter;

  RpcRefusal(StatusException status, Duration retryAfter) {
    super(status.message(), null, false, false);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** {@code failure} of a call to {@code rpc} as its caller sees it. */
  static RpcRefusal of(String rpc, Throwable failure) {
    if (failure instanceof RpcRefusal refusal) {
      return refusal;
    }
    return new RpcRefusal(
        RpcErrors.toStatus(rpc, failure),
        failure instanceof TooManyRequests busy ? busy.retryAfter() : null);
  }

  public StatusException status() {
    return status;
  }

  /** How long to wait before trying again; {@code null} when the status says nothing about it. */
  public Duration retryAfter() {
    return retryAfter;
  }
}

package io.mallbots.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The caller asked too often or the service is full: try again after {@link #retryAfter()}.
 * Answered as RESOURCE_EXHAUSTED over gRPC and 429 with {@code Retry-After} over HTTP.
 */
public final class TooManyRequests extends DomainException {

  private final Duration retryAfter;

  public TooManyRequests(String message, Duration retryAfter) {
    super("TOO_MANY_REQUESTS", message);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** How long the caller should wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}

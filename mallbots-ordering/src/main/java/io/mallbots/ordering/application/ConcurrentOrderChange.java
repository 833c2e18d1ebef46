package io.mallbots.ordering.application;

import io.mallbots.ordering.domain.OrderId;

/**
 * Another transaction appended to the order's stream since it was loaded. Technical, not a business
 * rejection: the work is tried again on the new state (a gRPC command at once, a message by
 * redelivery).
 */
public final class ConcurrentOrderChange extends RuntimeException {

  public ConcurrentOrderChange(OrderId id, int expectedVersion) {
    super("order " + id + " changed after version " + expectedVersion, null, false, false);
  }
}

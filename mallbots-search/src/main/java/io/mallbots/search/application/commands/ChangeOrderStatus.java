package io.mallbots.search.application.commands;

import io.mallbots.core.db.Versions;
import io.mallbots.core.domain.Invalid;
import io.mallbots.search.domain.OrderStatus;
import java.util.Objects;

/**
 * An order moved on in its life cycle (OrderApproved, OrderRejected, OrderReadied, ...).
 *
 * @param version the order's version after the change; {@link Versions#UNKNOWN} if the event had
 *     none
 */
public record ChangeOrderStatus(String orderId, OrderStatus status, long version) {

  public ChangeOrderStatus {
    if (orderId == null || orderId.isBlank()) {
      throw new Invalid("order id is required");
    }
    Objects.requireNonNull(status, "status");
  }

  /** A change whose version is unknown. */
  public ChangeOrderStatus(String orderId, OrderStatus status) {
    this(orderId, status, Versions.UNKNOWN);
  }
}

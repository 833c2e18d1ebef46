package io.mallbots.search.application.commands;

import io.mallbots.core.domain.Invalid;
import io.mallbots.search.domain.OrderStatus;
import java.util.Objects;

/** An order moved on in its life cycle (OrderApproved, OrderRejected, OrderReadied, ...). */
public record ChangeOrderStatus(String orderId, OrderStatus status) {

  public ChangeOrderStatus {
    if (orderId == null || orderId.isBlank()) {
      throw new Invalid("order id is required");
    }
    Objects.requireNonNull(status, "status");
  }
}

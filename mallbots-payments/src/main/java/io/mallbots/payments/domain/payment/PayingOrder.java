package io.mallbots.payments.domain.payment;

import io.mallbots.core.domain.Invalid;

/**
 * The order a payment is confirmed for, as payments knows it: its id, its user (the shopper, named
 * by the create-order saga) and whether payments has seen it canceled.
 */
public record PayingOrder(String orderId, String userId, boolean canceled) {

  public PayingOrder {
    if (orderId == null || orderId.isBlank()) {
      throw new Invalid("order_id is required");
    }
    if (userId == null || userId.isBlank()) {
      throw new Invalid("user_id is required");
    }
  }
}

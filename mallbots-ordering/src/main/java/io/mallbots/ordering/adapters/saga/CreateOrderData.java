package io.mallbots.ordering.adapters.saga;

import io.mallbots.core.domain.Money;
import io.mallbots.ordering.domain.Order;
import io.vertx.core.json.JsonObject;

/**
 * What the create-order saga keeps between its steps: everything its commands carry, so that no
 * step has to read the order. Stored as JSON in {@code saga_instances.data}.
 */
record CreateOrderData(String orderId, String userId, String paymentId, Money total) {

  static CreateOrderData of(Order order) {
    return new CreateOrderData(
        order.id().toString(), order.userId(), order.paymentId(), order.total());
  }

  byte[] encode() {
    return new JsonObject()
        .put("orderId", orderId)
        .put("userId", userId)
        .put("paymentId", paymentId)
        .put("total", total.toString())
        .toBuffer()
        .getBytes();
  }

  static CreateOrderData decode(byte[] bytes) {
    JsonObject json = new JsonObject(io.vertx.core.buffer.Buffer.buffer(bytes));
    return new CreateOrderData(
        json.getString("orderId"),
        json.getString("userId"),
        json.getString("paymentId"),
        Money.of(json.getString("total")));
  }
}

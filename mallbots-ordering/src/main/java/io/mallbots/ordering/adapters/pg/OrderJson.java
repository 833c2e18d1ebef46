package io.mallbots.ordering.adapters.pg;

import io.mallbots.core.domain.Money;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderApproved;
import io.mallbots.ordering.domain.OrderCanceled;
import io.mallbots.ordering.domain.OrderCompleted;
import io.mallbots.ordering.domain.OrderCreated;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.OrderPaid;
import io.mallbots.ordering.domain.OrderReadied;
import io.mallbots.ordering.domain.OrderRejected;
import io.mallbots.ordering.domain.OrderStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How orders are stored: events (named by their record, e.g. {@code OrderCreated}) and snapshots as
 * JSON, money as exact decimal strings. The stream id is the order id, so it is not repeated
 * inside. Events once written are read back forever: a field is only ever added, with a default for
 * older rows.
 */
final class OrderJson {

  private OrderJson() {}

  static String name(OrderEvent event) {
    return event.getClass().getSimpleName();
  }

  static JsonObject encode(OrderEvent event) {
    if (event instanceof OrderCreated e) {
      return new JsonObject()
          .put("userId", e.userId())
          .put("paymentId", e.paymentId())
          .put("items", items(e.items()))
          .put("total", e.total().toString())
          .put("basketId", e.basketId());
    } else if (event instanceof OrderRejected e) {
      return new JsonObject().put("reason", e.reason()).put("code", e.code());
    } else if (event instanceof OrderCompleted e) {
      return new JsonObject().put("invoiceId", e.invoiceId());
    } else if (event instanceof OrderPaid e) {
      return new JsonObject().put("invoiceId", e.invoiceId());
    }
    return new JsonObject(); // OrderApproved, OrderCanceled, OrderReadied: the name says it all
  }

  static OrderEvent decode(OrderId id, String name, JsonObject json) {
    return switch (name) {
      case "OrderCreated" ->
          new OrderCreated(
              id,
              json.getString("userId"),
              json.getString("paymentId"),
              items(json.getJsonArray("items")),
              Money.of(json.getString("total")),
              json.getString("basketId"));
      case "OrderApproved" -> new OrderApproved(id);
      case "OrderRejected" ->
          new OrderRejected(id, json.getString("reason"), json.getString("code"));
      case "OrderCanceled" -> new OrderCanceled(id);
      case "OrderReadied" -> new OrderReadied(id);
      case "OrderPaid" -> new OrderPaid(id, json.getString("invoiceId"));
      case "OrderCompleted" -> new OrderCompleted(id, json.getString("invoiceId"));
      default ->
          throw new IllegalStateException(
              "order " + id + " has an event this version does not know: " + name);
    };
  }

  static JsonObject snapshot(Order order) {
    return new JsonObject()
        .put("userId", order.userId())
        .put("paymentId", order.paymentId())
        .put("items", items(order.items()))
        .put("total", order.total().toString())
        .put("basketId", order.basketId())
        .put("status", order.status().name())
        .put("invoiceId", order.invoiceId());
  }

  static Order fromSnapshot(OrderId id, int version, JsonObject json) {
    return new Order(
        id,
        json.getString("userId"),
        json.getString("paymentId"),
        items(json.getJsonArray("items")),
        Money.of(json.getString("total")),
        json.getString("basketId"),
        OrderStatus.valueOf(json.getString("status")),
        json.getString("invoiceId"),
        version);
  }

  static JsonArray items(List<Item> items) {
    JsonArray array = new JsonArray();
    items.forEach(
        item ->
            array.add(
                new JsonObject()
                    .put("productId", item.productId())
                    .put("storeId", item.storeId())
                    .put("productName", item.productName())
                    .put("storeName", item.storeName())
                    .put("price", item.price().toString())
                    .put("quantity", item.quantity())));
    return array;
  }

  static List<Item> items(JsonArray array) {
    return array.stream()
        .map(JsonObject.class::cast)
        .map(
            item ->
                new Item(
                    item.getString("productId"),
                    item.getString("storeId"),
                    item.getString("productName"),
                    item.getString("storeName"),
                    Money.of(item.getString("price")),
                    item.getInteger("quantity")))
        .toList();
  }
}

package io.mallbots.ordering.ports;

import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Uuids;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.OrderId;

/**
 * Ordering's wire translation, proto values <-> domain values, for its ports (gRPC server and
 * message handlers): ids and ordered items from requests and from other services' messages; a
 * malformed one is {@code Invalid} naming the field.
 */
public final class OrderingWire {

  private OrderingWire() {}

  public static OrderId orderId(String value, String field) {
    return new OrderId(Uuids.parse(value, field));
  }

  /**
   * An ordered product as a request or BasketCheckedOut carries it; {@code at} names it, e.g.
   * {@code items[0]}.
   */
  public static Item item(
      String at,
      String productId,
      String storeId,
      String productName,
      String storeName,
      double price,
      int quantity) {
    return new Item(
        Uuids.canonical(productId, at + ".product_id"),
        Uuids.canonical(storeId, at + ".store_id"),
        productName,
        storeName,
        Money.fromWire(price, at + ".price"),
        quantity);
  }
}

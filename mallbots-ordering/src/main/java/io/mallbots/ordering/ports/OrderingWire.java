package io.mallbots.ordering.ports;

import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Uuids;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.OrderId;

/**
 * Reads wire values (ids, prices), from requests and from other services' messages, into domain values; a
 * malformed one is {@code Invalid} naming the field.
 */
public final class Wire {

  private Wire() {
  }

  public static OrderId orderId(String value, String field) {
    return new OrderId(Uuids.parse(value, field));
  }

  /** Other services' ids (users, payments, stores, baskets, invoices): kept as text, in the form they give them. */
  public static String externalId(String value, String field) {
    return Uuids.parse(value, field).toString();
  }

  /** An ordered product as a request or BasketCheckedOut carries it; {@code at} names it, e.g. {@code items[0]}. */
  public static Item item(String at, String productId, String storeId, String productName, String storeName,
                          double price, int quantity) {
    return new Item(externalId(productId, at + ".product_id"), externalId(storeId, at + ".store_id"), productName,
        storeName, Money.fromWire(price, at + ".price"), quantity);
  }
}

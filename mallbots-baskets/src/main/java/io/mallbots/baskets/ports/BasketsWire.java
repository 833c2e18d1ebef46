package io.mallbots.baskets.ports;

import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Uuids;

/**
 * Reads wire values (ids, prices), from requests and from other services' events, into domain values; a
 * malformed one is {@code Invalid} naming the field.
 */
public final class Wire {

  private Wire() {
  }

  public static BasketId basketId(String value, String field) {
    return new BasketId(Uuids.parse(value, field));
  }

  public static ProductId productId(String value, String field) {
    return new ProductId(Uuids.parse(value, field));
  }

  public static StoreId storeId(String value, String field) {
    return new StoreId(Uuids.parse(value, field));
  }

  /** Users' and payments' ids: kept as text, but only in the form those services give them. */
  public static String externalId(String value, String field) {
    return Uuids.parse(value, field).toString();
  }

  public static Money price(double value) {
    return Money.fromWire(value, "price");
  }
}

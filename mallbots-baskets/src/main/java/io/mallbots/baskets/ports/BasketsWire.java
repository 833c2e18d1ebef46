package io.mallbots.baskets.ports;

import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Uuids;

/**
 * Baskets' wire translation, proto values <-> domain values, for its ports (gRPC server and message
 * handlers): ids and prices from requests and from stores' events; a malformed one is {@code
 * Invalid} naming the field.
 */
public final class BasketsWire {

  private BasketsWire() {}

  public static BasketId basketId(String value, String field) {
    return new BasketId(Uuids.parse(value, field));
  }

  public static ProductId productId(String value, String field) {
    return new ProductId(Uuids.parse(value, field));
  }

  public static StoreId storeId(String value, String field) {
    return new StoreId(Uuids.parse(value, field));
  }

  public static Money price(double value) {
    return Money.fromWire(value, "price");
  }
}

package io.mallbots.stores.ports;

import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Uuids;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.store.StoreId;

/**
 * Stores' wire translation, proto values <-> domain values, for its ports (the gRPC server): ids
 * and prices from requests; a malformed one is {@code Invalid} (INVALID_ARGUMENT) naming the field.
 */
public final class StoresWire {

  private StoresWire() {}

  public static StoreId storeId(String value, String field) {
    return new StoreId(Uuids.parse(value, field));
  }

  public static ProductId productId(String value, String field) {
    return new ProductId(Uuids.parse(value, field));
  }

  public static Money price(double value) {
    return Money.fromWire(value, "price");
  }
}

package io.mallbots.stores.ports.grpc;

import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Uuids;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.store.StoreId;

/** Reads wire values (ids, prices) into domain values; a malformed one is INVALID_ARGUMENT naming the field. */
final class Wire {

  private Wire() {
  }

  static StoreId storeId(String value, String field) {
    return new StoreId(Uuids.parse(value, field));
  }

  static ProductId productId(String value, String field) {
    return new ProductId(Uuids.parse(value, field));
  }

  static Money price(double value) {
    return Money.fromWire(value, "price");
  }
}

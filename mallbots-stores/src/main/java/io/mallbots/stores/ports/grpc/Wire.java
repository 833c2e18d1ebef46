package io.mallbots.stores.ports.grpc;

import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.store.StoreId;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Reads wire values (ids, prices) into domain values; a malformed one is INVALID_ARGUMENT naming the field. */
final class Wire {

  // UUID.fromString also takes short forms such as "1-2-3-4-5"; ids on the wire are canonical only.
  private static final Pattern CANONICAL_UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Wire() {
  }

  static StoreId storeId(String value, String field) {
    return new StoreId(uuid(value, field));
  }

  static ProductId productId(String value, String field) {
    return new ProductId(uuid(value, field));
  }

  static Money price(double value) {
    return Money.fromWire(value, "price");
  }

  /** A request decoded into a command or query, or the failed future of its first malformed value. */
  static <T> Future<T> decode(Supplier<T> decoder) {
    try {
      return Future.succeededFuture(decoder.get());
    } catch (Invalid malformed) {
      return Future.failedFuture(malformed);
    }
  }

  private static UUID uuid(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new Invalid(field + " is required");
    }
    if (!CANONICAL_UUID.matcher(value).matches()) {
      throw new Invalid(field + " must be a UUID, got '" + abbreviated(value) + "'");
    }
    return UUID.fromString(value);
  }

  private static String abbreviated(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}

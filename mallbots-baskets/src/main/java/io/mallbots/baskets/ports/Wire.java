package io.mallbots.baskets.ports;

import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.vertx.core.Future;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads wire values (ids, prices), from requests and from other services' events, into domain values; a
 * malformed one is {@code Invalid} naming the field.
 */
public final class Wire {

  // UUID.fromString also takes short forms such as "1-2-3-4-5"; ids on the wire are canonical only.
  private static final Pattern CANONICAL_UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Wire() {
  }

  public static BasketId basketId(String value, String field) {
    return new BasketId(uuid(value, field));
  }

  public static ProductId productId(String value, String field) {
    return new ProductId(uuid(value, field));
  }

  public static StoreId storeId(String value, String field) {
    return new StoreId(uuid(value, field));
  }

  /** Users' and payments' ids: kept as text, but only in the form those services give them. */
  public static String externalId(String value, String field) {
    return uuid(value, field).toString();
  }

  public static Money price(double value) {
    return Money.fromWire(value, "price");
  }

  /** A request decoded into a command or query, or the failed future of its first malformed value. */
  public static <T> Future<T> decode(Supplier<T> decoder) {
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

package io.mallbots.search.domain;

import java.util.Map;
import java.util.Optional;

/**
 * The names search has heard of from users' and stores' events, for the user and the stores and
 * products of one order. They win over the names an order event carries: they come from the owners
 * of the names.
 */
public record KnownNames(
    Optional<String> user, Map<String, String> stores, Map<String, String> products) {

  public KnownNames {
    stores = Map.copyOf(stores);
    products = Map.copyOf(products);
  }

  public static KnownNames none() {
    return new KnownNames(Optional.empty(), Map.of(), Map.of());
  }

  public Optional<String> store(String storeId) {
    return Optional.ofNullable(stores.get(storeId));
  }

  public Optional<String> product(String productId) {
    return Optional.ofNullable(products.get(productId));
  }
}

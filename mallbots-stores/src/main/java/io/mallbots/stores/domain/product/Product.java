package io.mallbots.stores.domain.product;

import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Required;
import io.mallbots.stores.domain.store.StoreId;

/**
 * A product in one store's catalog. Its price is always above zero and moves only in the direction
 * asked for. Immutable: each operation returns the product after the change and the event it
 * raises.
 *
 * @param version 1 when added, one more with each change; its events carry it, so consumers can
 *     tell an older event from a newer one
 */
public record Product(
    ProductId id,
    StoreId storeId,
    String name,
    String description,
    String sku,
    Money price,
    long version) {

  /**
   * Adds a product to a store's catalog: name and SKU are required, the price must be above zero.
   */
  public static Changed<Product, ProductEvent> add(
      ProductId id, StoreId storeId, String name, String description, String sku, Money price) {
    Product product =
        new Product(
            id,
            storeId,
            Required.text(name, "name"),
            optional(description),
            Required.text(sku, "sku"),
            positive(price),
            1);
    return Changed.of(
        product,
        new ProductAdded(
            id,
            storeId,
            product.name,
            product.description,
            product.sku,
            product.price,
            product.version));
  }

  /** Renames the product; an empty description clears it. */
  public Changed<Product, ProductEvent> rebrand(String newName, String newDescription) {
    Product rebranded =
        new Product(
            id,
            storeId,
            Required.text(newName, "name"),
            optional(newDescription),
            sku,
            price,
            version + 1);
    return Changed.of(
        rebranded,
        new ProductRebranded(id, rebranded.name, rebranded.description, rebranded.version));
  }

  /** Raises the price to {@code newPrice}, which must be higher than the current one. */
  public Changed<Product, ProductEvent> increasePrice(Money newPrice) {
    if (positive(newPrice).compareTo(price) <= 0) {
      throw new Conflict(
          "PRICE_NOT_HIGHER",
          "an increase must raise the price above " + price + ", got " + newPrice);
    }
    return repriced(newPrice);
  }

  /**
   * Lowers the price to {@code newPrice}, which must be lower than the current one and above zero.
   */
  public Changed<Product, ProductEvent> decreasePrice(Money newPrice) {
    if (positive(newPrice).compareTo(price) >= 0) {
      throw new Conflict(
          "PRICE_NOT_LOWER",
          "a decrease must lower the price below " + price + ", got " + newPrice);
    }
    return repriced(newPrice);
  }

  /**
   * Takes the product out of its catalog: its last change, so the event's version is one past the
   * product's.
   */
  public ProductRemoved remove() {
    return new ProductRemoved(id, version + 1);
  }

  private Changed<Product, ProductEvent> repriced(Money newPrice) {
    return Changed.of(
        new Product(id, storeId, name, description, sku, newPrice, version + 1),
        new ProductPriceChanged(id, newPrice.minus(price), newPrice, version + 1));
  }

  private static String optional(String text) {
    return text == null
        ? ""
        : Required.atMost(text.strip(), Required.MAX_DESCRIPTION, "description");
  }

  private static Money positive(Money price) {
    if (price == null || !price.isPositive()) {
      throw new Invalid("price must be greater than 0, got " + price);
    }
    return price;
  }
}

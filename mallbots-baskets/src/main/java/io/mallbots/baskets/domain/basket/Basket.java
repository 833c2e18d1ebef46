package io.mallbots.baskets.domain.basket;

import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.domain.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A shopper's basket: one item per product, in the order first added. Only an open basket changes;
 * checking out (with a payment, at least one item) or canceling ends it for good. Immutable: each
 * operation returns the basket after the change (and, where others care, the event it raises).
 *
 * @param paymentId the payment given at checkout; {@code null} before
 */
public record Basket(
    BasketId id, String userId, BasketStatus status, List<Item> items, String paymentId) {

  public Basket {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    items = List.copyOf(items);
  }

  /** A shopper acts only on their own basket; another service (or anyone in dev mode) on any. */
  public Basket actedOnBy(Actor actor) {
    actor.ensureMayActFor(userId, "basket " + id);
    return this;
  }

  /** Starts an open, empty basket for {@code userId}. */
  public static Changed<Basket, BasketEvent> start(BasketId id, String userId) {
    return start(id, userId, Actor.ANYONE);
  }

  /**
   * Starts an open, empty basket for {@code userId}, at {@code actor}'s request: a shopper only for
   * themself.
   */
  public static Changed<Basket, BasketEvent> start(BasketId id, String userId, Actor actor) {
    Basket basket =
        new Basket(id, Required.text(userId, "user_id"), BasketStatus.OPEN, List.of(), null);
    actor.ensureMayActFor(basket.userId, "a basket for " + basket.userId);
    return Changed.of(basket, new BasketStarted(id, basket.userId));
  }

  /**
   * Puts {@code quantity} of {@code product} (sold by {@code store}) in. A product already in the
   * basket gets the quantity added once and keeps its first names and price.
   */
  public Basket add(Product product, Store store, int quantity) {
    Required.quantity(quantity);
    requireOpen();
    if (!product.storeId().equals(store.id())) {
      throw new IllegalArgumentException(
          product.id() + " is sold by " + product.storeId() + ", not " + store.id());
    }
    List<Item> changed = new ArrayList<>(items);
    int index = indexOf(product.id());
    if (index < 0) {
      changed.add(
          new Item(
              product.id(), store.id(), store.name(), product.name(), product.price(), quantity));
    } else {
      Item item = changed.get(index);
      changed.set(index, item.withQuantity(sum(item.quantity(), quantity)));
    }
    requireOrderable(changed);
    return withItems(changed);
  }

  /**
   * Takes {@code quantity} of a product out; taking out as many as there are, or more, removes the
   * item.
   */
  public Basket remove(ProductId productId, int quantity) {
    Required.quantity(quantity);
    requireOpen();
    int index = indexOf(productId);
    if (index < 0) {
      throw new NotFound("ITEM_NOT_FOUND", "product " + productId + " is not in basket " + id);
    }
    List<Item> changed = new ArrayList<>(items);
    Item item = changed.get(index);
    if (quantity >= item.quantity()) {
      changed.remove(index);
    } else {
      changed.set(index, item.withQuantity(item.quantity() - quantity));
    }
    return withItems(changed);
  }

  /** Abandons the basket. */
  public Changed<Basket, BasketEvent> cancel() {
    requireOpen();
    return Changed.of(
        new Basket(id, userId, BasketStatus.CANCELED, items, null), new BasketCanceled(id));
  }

  /** Hands the basket to ordering, to be paid with {@code payment}. */
  public Changed<Basket, BasketEvent> checkout(String payment) {
    String given = Required.text(payment, "payment_id");
    requireOpen();
    if (items.isEmpty()) {
      throw new Conflict(
          "BASKET_EMPTY", "basket " + id + " is empty: add an item before checking out");
    }
    return Changed.of(
        new Basket(id, userId, BasketStatus.CHECKED_OUT, items, given),
        new BasketCheckedOut(id, userId, given, items));
  }

  /** The payment given at checkout, if checked out. */
  public Optional<String> payment() {
    return Optional.ofNullable(paymentId);
  }

  private void requireOpen() {
    if (status != BasketStatus.OPEN) {
      throw new Conflict(
          "BASKET_NOT_OPEN",
          "basket "
              + id
              + " is "
              + status.name().toLowerCase().replace('_', ' ')
              + " and accepts no more changes");
    }
  }

  private int indexOf(ProductId productId) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).productId().equals(productId)) {
        return i;
      }
    }
    return -1;
  }

  private static int sum(int held, int added) {
    try {
      return Math.addExact(held, added);
    } catch (ArithmeticException e) {
      throw new Invalid(
          "quantity: the basket cannot hold more than " + Integer.MAX_VALUE + " of one product");
    }
  }

  /**
   * Ordering totals price times quantity at checkout: a total it could not store is refused now,
   * not there.
   */
  private static void requireOrderable(List<Item> items) {
    try {
      items.stream()
          .map(item -> item.price().times(item.quantity()))
          .reduce(Money.ZERO, Money::plus);
    } catch (Invalid tooLarge) {
      throw new Invalid(tooLarge.code(), "quantity: the basket's total would exceed " + Money.MAX);
    }
  }

  private Basket withItems(List<Item> changed) {
    return new Basket(id, userId, status, changed, paymentId);
  }
}

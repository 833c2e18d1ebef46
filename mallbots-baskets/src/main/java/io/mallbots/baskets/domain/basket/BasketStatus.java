package io.mallbots.baskets.domain.basket;

/** Where a basket is in its life: open for changes, or ended one of two ways. */
public enum BasketStatus {
  OPEN,
  CANCELED,
  CHECKED_OUT
}

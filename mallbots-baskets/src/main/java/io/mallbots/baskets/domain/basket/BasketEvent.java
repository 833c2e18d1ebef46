package io.mallbots.baskets.domain.basket;

/** What happens to a basket that others hear about, in the past tense. Keyed by the basket id. */
public sealed interface BasketEvent permits BasketStarted, BasketCanceled, BasketCheckedOut {

  BasketId basketId();
}

package io.mallbots.baskets.domain.basket;

import java.util.List;

/** A basket was checked out with a payment: everything ordering needs to create the order. */
public record BasketCheckedOut(BasketId basketId, String userId, String paymentId, List<Item> items)
    implements BasketEvent {

  public BasketCheckedOut {
    items = List.copyOf(items);
  }
}

package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.Required;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.catalog.ProductId;

/** Checks the quantity at once, so a bad one is refused before stores is asked about the product. */
public record AddItem(BasketId basketId, ProductId productId, int quantity) {

  public AddItem {
    Required.quantity(quantity);
  }
}

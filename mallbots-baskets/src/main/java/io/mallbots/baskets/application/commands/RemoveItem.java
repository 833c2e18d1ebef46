package io.mallbots.baskets.application.commands;

import io.mallbots.baskets.domain.Required;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.catalog.ProductId;

public record RemoveItem(BasketId basketId, ProductId productId, int quantity) {

  public RemoveItem {
    Required.quantity(quantity);
  }
}

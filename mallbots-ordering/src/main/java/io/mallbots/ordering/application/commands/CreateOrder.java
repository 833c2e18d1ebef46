package io.mallbots.ordering.application.commands;

import io.mallbots.ordering.domain.Item;
import java.util.List;

/**
 * Place an order for {@code items}, charged to {@code paymentId}, and start the create-order saga.
 *
 * @param basketId the checked-out basket; {@code null} for the CreateOrder RPC
 */
public record CreateOrder(String userId, String paymentId, List<Item> items, String basketId) {

  public CreateOrder {
    items = List.copyOf(items);
  }
}

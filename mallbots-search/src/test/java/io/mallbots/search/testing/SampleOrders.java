package io.mallbots.search.testing;

import io.mallbots.core.domain.Money;
import io.mallbots.search.domain.KnownNames;
import io.mallbots.search.domain.OrderItem;
import io.mallbots.search.domain.OrderPlaced;
import io.mallbots.search.domain.OrderView;
import java.time.Instant;
import java.util.List;

/** Orders for tests: a user, a time, a total, items from given stores and products. */
public final class SampleOrders {

  private SampleOrders() {}

  /** An item of {@code productId} from {@code storeId}, one at 1.00, named after its ids. */
  public static OrderItem item(String storeId, String productId) {
    return new OrderItem(
        productId, storeId, "name of " + productId, "name of " + storeId, Money.of("1.00"), 1);
  }

  public static OrderPlaced placed(
      String orderId, String userId, Instant createdAt, String total, OrderItem... items) {
    return new OrderPlaced(orderId, userId, List.of(items), Money.of(total), createdAt);
  }

  /** The read model row of a placed order, under the names of its event. */
  public static OrderView view(
      String orderId, String userId, Instant createdAt, String total, OrderItem... items) {
    return OrderView.placed(placed(orderId, userId, createdAt, total, items), KnownNames.none());
  }
}

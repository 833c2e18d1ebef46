package io.mallbots.baskets.adapters.pg;

import io.mallbots.baskets.domain.basket.BasketCanceled;
import io.mallbots.baskets.domain.basket.BasketCheckedOut;
import io.mallbots.baskets.domain.basket.BasketEvent;
import io.mallbots.baskets.domain.basket.BasketStarted;
import io.mallbots.baskets.domain.basket.Item;
import io.mallbots.baskets.v1.BasketsContract;
import io.mallbots.core.messaging.Message;
import java.util.List;

/**
 * Basket events as the messages of {@code mallbots/baskets/v1/events.proto}, which {@link
 * PgBaskets} adds to the outbox of the transaction that raised them, keyed by the basket id so each
 * basket's events arrive in order.
 */
final class BasketsMessages {

  private BasketsMessages() {}

  static List<Message> of(List<BasketEvent> events) {
    return events.stream().map(BasketsMessages::message).toList();
  }

  // Java 17 has no pattern matching for switch: an instanceof chain, closed by the sealed
  // interface.
  static Message message(BasketEvent event) {
    String id = event.basketId().toString();
    if (event instanceof BasketStarted e) {
      return Message.of(
          BasketsContract.BASKET_STARTED,
          id,
          io.mallbots.baskets.v1.BasketStarted.newBuilder()
              .setId(id)
              .setUserId(e.userId())
              .build());
    } else if (event instanceof BasketCanceled) {
      return Message.of(
          BasketsContract.BASKET_CANCELED,
          id,
          io.mallbots.baskets.v1.BasketCanceled.newBuilder().setId(id).build());
    } else if (event instanceof BasketCheckedOut e) {
      return Message.of(
          BasketsContract.BASKET_CHECKED_OUT,
          id,
          io.mallbots.baskets.v1.BasketCheckedOut.newBuilder()
              .setId(id)
              .setUserId(e.userId())
              .setPaymentId(e.paymentId())
              .addAllItems(e.items().stream().map(BasketsMessages::item).toList())
              .build());
    }
    throw new IllegalArgumentException("no message for " + event);
  }

  private static io.mallbots.baskets.v1.BasketCheckedOut.Item item(Item item) {
    return io.mallbots.baskets.v1.BasketCheckedOut.Item.newBuilder()
        .setStoreId(item.storeId().toString())
        .setProductId(item.productId().toString())
        .setStoreName(item.storeName())
        .setProductName(item.productName())
        .setPrice(item.price().toWire())
        .setQuantity(item.quantity())
        .build();
  }
}

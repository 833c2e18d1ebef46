package io.mallbots.search.testing;

import com.google.protobuf.MessageLite;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.ordering.v1.OrderApproved;
import io.mallbots.ordering.v1.OrderCanceled;
import io.mallbots.ordering.v1.OrderCompleted;
import io.mallbots.ordering.v1.OrderCreated;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.ordering.v1.OrderRejected;
import io.mallbots.stores.v1.ProductAdded;
import io.mallbots.stores.v1.ProductRebranded;
import io.mallbots.stores.v1.StoreCreated;
import io.mallbots.stores.v1.StoreRebranded;
import io.mallbots.users.v1.UserRegistered;
import io.mallbots.users.v1.UserUpdated;
import java.time.Instant;

/** The events search consumes, in their envelopes, as ordering, users and stores publish them. */
public final class Events {

  public static final String ORDER_TOPIC = "mallbots.ordering.events.Order";
  public static final String USER_TOPIC = "mallbots.users.events.User";
  public static final String STORE_TOPIC = "mallbots.stores.events.Store";
  public static final String PRODUCT_TOPIC = "mallbots.stores.events.Product";

  private Events() {}

  /**
   * An item of OrderCreated: one of {@code productId} from {@code storeId} at 2.50, with the
   * basket's names.
   */
  public static OrderCreated.Item item(String storeId, String productId) {
    return OrderCreated.Item.newBuilder()
        .setStoreId(storeId)
        .setProductId(productId)
        .setPrice(2.5)
        .setQuantity(1)
        .setProductName("basket name of " + productId)
        .setStoreName("basket name of " + storeId)
        .build();
  }

  /** OrderCreated, occurred at {@code at}, total 2.50 per item. */
  public static Message created(
      String orderId, String userId, Instant at, OrderCreated.Item... items) {
    OrderCreated.Builder created =
        OrderCreated.newBuilder()
            .setId(orderId)
            .setUserId(userId)
            .setPaymentId("payment-1")
            .setTotal(2.5 * items.length);
    for (OrderCreated.Item item : items) {
      created.addItems(item);
    }
    return envelope(ORDER_TOPIC, "ordering.OrderCreated", orderId, created.build())
        .withMetadata(Metadata.OCCURRED_AT, at.toString());
  }

  public static Message approved(String orderId) {
    return order(
        "ordering.OrderApproved", orderId, OrderApproved.newBuilder().setId(orderId).build());
  }

  public static Message rejected(String orderId) {
    return order(
        "ordering.OrderRejected",
        orderId,
        OrderRejected.newBuilder().setId(orderId).setCode("X").build());
  }

  public static Message readied(String orderId) {
    return order(
        "ordering.OrderReadied",
        orderId,
        OrderReadied.newBuilder().setId(orderId).setTotal(1).build());
  }

  public static Message completed(String orderId) {
    return order(
        "ordering.OrderCompleted", orderId, OrderCompleted.newBuilder().setId(orderId).build());
  }

  public static Message canceled(String orderId) {
    return order(
        "ordering.OrderCanceled", orderId, OrderCanceled.newBuilder().setId(orderId).build());
  }

  public static Message userRegistered(String userId, String username) {
    return envelope(
        USER_TOPIC,
        "users.UserRegistered",
        userId,
        UserRegistered.newBuilder()
            .setId(userId)
            .setUsername(username)
            .setEmail(username + "@example.com")
            .build());
  }

  public static Message userUpdated(String userId, String username) {
    return envelope(
        USER_TOPIC,
        "users.UserUpdated",
        userId,
        UserUpdated.newBuilder()
            .setId(userId)
            .setUsername(username)
            .setEmail(username + "@example.com")
            .build());
  }

  public static Message storeCreated(String storeId, String name) {
    return envelope(
        STORE_TOPIC,
        "stores.StoreCreated",
        storeId,
        StoreCreated.newBuilder().setId(storeId).setName(name).setLocation("Upper floor").build());
  }

  public static Message storeRebranded(String storeId, String name) {
    return envelope(
        STORE_TOPIC,
        "stores.StoreRebranded",
        storeId,
        StoreRebranded.newBuilder().setId(storeId).setName(name).build());
  }

  public static Message productAdded(String productId, String storeId, String name) {
    return envelope(
        PRODUCT_TOPIC,
        "stores.ProductAdded",
        productId,
        ProductAdded.newBuilder()
            .setId(productId)
            .setStoreId(storeId)
            .setName(name)
            .setSku("SKU")
            .setPrice(2.5)
            .build());
  }

  public static Message productRebranded(String productId, String name) {
    return envelope(
        PRODUCT_TOPIC,
        "stores.ProductRebranded",
        productId,
        ProductRebranded.newBuilder().setId(productId).setName(name).build());
  }

  private static Message order(String name, String orderId, MessageLite payload) {
    return envelope(ORDER_TOPIC, name, orderId, payload);
  }

  /** An envelope of its own for {@code payload}. */
  public static Message envelope(String topic, String name, String key, MessageLite payload) {
    return Message.create(topic, name, key, payload.toByteArray());
  }
}

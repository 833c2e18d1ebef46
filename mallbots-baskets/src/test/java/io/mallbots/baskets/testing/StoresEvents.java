package io.mallbots.baskets.testing;

import io.mallbots.core.messaging.Message;
import io.mallbots.stores.v1.ProductAdded;
import io.mallbots.stores.v1.ProductPriceChanged;
import io.mallbots.stores.v1.ProductRebranded;
import io.mallbots.stores.v1.ProductRemoved;
import io.mallbots.stores.v1.StoreCreated;
import io.mallbots.stores.v1.StoreParticipationToggled;
import io.mallbots.stores.v1.StoreRebranded;

/**
 * Stores' events as the stores service publishes them (events.proto): topic, envelope name, key,
 * payload.
 */
public final class StoresEvents {

  public static final String PRODUCT_TOPIC = "mallbots.stores.events.Product";
  public static final String STORE_TOPIC = "mallbots.stores.events.Store";

  private StoresEvents() {}

  public static Message productAdded(String id, String storeId, String name, double price) {
    return product(
        id,
        "stores.ProductAdded",
        ProductAdded.newBuilder()
            .setId(id)
            .setStoreId(storeId)
            .setName(name)
            .setDescription("A " + name)
            .setSku("SKU-" + name)
            .setPrice(price)
            .build()
            .toByteArray());
  }

  public static Message productRebranded(String id, String name) {
    return product(
        id,
        "stores.ProductRebranded",
        ProductRebranded.newBuilder()
            .setId(id)
            .setName(name)
            .setDescription("Now " + name)
            .build()
            .toByteArray());
  }

  public static Message productPriceChanged(String id, double delta, double price) {
    return product(
        id,
        "stores.ProductPriceChanged",
        ProductPriceChanged.newBuilder()
            .setId(id)
            .setDelta(delta)
            .setPrice(price)
            .build()
            .toByteArray());
  }

  public static Message productRemoved(String id) {
    return product(
        id, "stores.ProductRemoved", ProductRemoved.newBuilder().setId(id).build().toByteArray());
  }

  public static Message storeCreated(String id, String name) {
    return store(
        id,
        "stores.StoreCreated",
        StoreCreated.newBuilder()
            .setId(id)
            .setName(name)
            .setLocation("Ground floor")
            .build()
            .toByteArray());
  }

  public static Message storeRebranded(String id, String name) {
    return store(
        id,
        "stores.StoreRebranded",
        StoreRebranded.newBuilder().setId(id).setName(name).build().toByteArray());
  }

  public static Message storeParticipationToggled(String id) {
    return store(
        id,
        "stores.StoreParticipationToggled",
        StoreParticipationToggled.newBuilder()
            .setId(id)
            .setParticipating(true)
            .build()
            .toByteArray());
  }

  public static Message product(String id, String name, byte[] payload) {
    return Message.create(PRODUCT_TOPIC, name, id, payload);
  }

  public static Message store(String id, String name, byte[] payload) {
    return Message.create(STORE_TOPIC, name, id, payload);
  }
}

package io.mallbots.stores.adapters.pg;

import io.mallbots.core.messaging.Message;
import io.mallbots.stores.domain.product.ProductAdded;
import io.mallbots.stores.domain.product.ProductEvent;
import io.mallbots.stores.domain.product.ProductPriceChanged;
import io.mallbots.stores.domain.product.ProductRebranded;
import io.mallbots.stores.domain.product.ProductRemoved;
import io.mallbots.stores.domain.store.StoreCreated;
import io.mallbots.stores.domain.store.StoreEvent;
import io.mallbots.stores.domain.store.StoreParticipationToggled;
import io.mallbots.stores.domain.store.StoreRebranded;
import io.mallbots.stores.v1.StoresContract;
import java.util.List;

/**
 * Domain events as the messages of {@code mallbots/stores/v1/events.proto}, which the repositories
 * add to the outbox of the transaction that raised them. Keyed by the aggregate id, so each store's
 * and each product's events arrive in order.
 */
final class StoresMessages {

  private StoresMessages() {}

  static List<Message> ofStore(List<StoreEvent> events) {
    return events.stream().map(StoresMessages::message).toList();
  }

  static List<Message> ofProduct(List<ProductEvent> events) {
    return events.stream().map(StoresMessages::message).toList();
  }

  // Java 17 has no pattern matching for switch: instanceof chains, closed by the sealed interfaces.
  static Message message(StoreEvent event) {
    String id = event.storeId().toString();
    if (event instanceof StoreCreated e) {
      return Message.of(
          StoresContract.STORE_CREATED,
          id,
          io.mallbots.stores.v1.StoreCreated.newBuilder()
              .setId(id)
              .setName(e.name())
              .setLocation(e.location())
              .setOwnerId(e.ownerId())
              .setVersion(e.version())
              .build());
    } else if (event instanceof StoreParticipationToggled e) {
      return Message.of(
          StoresContract.STORE_PARTICIPATION_TOGGLED,
          id,
          io.mallbots.stores.v1.StoreParticipationToggled.newBuilder()
              .setId(id)
              .setParticipating(e.participating())
              .setVersion(e.version())
              .build());
    } else if (event instanceof StoreRebranded e) {
      return Message.of(
          StoresContract.STORE_REBRANDED,
          id,
          io.mallbots.stores.v1.StoreRebranded.newBuilder()
              .setId(id)
              .setName(e.name())
              .setVersion(e.version())
              .build());
    }
    throw new IllegalArgumentException("no message for " + event);
  }

  static Message message(ProductEvent event) {
    String id = event.productId().toString();
    if (event instanceof ProductAdded e) {
      return Message.of(
          StoresContract.PRODUCT_ADDED,
          id,
          io.mallbots.stores.v1.ProductAdded.newBuilder()
              .setId(id)
              .setStoreId(e.storeId().toString())
              .setName(e.name())
              .setDescription(e.description())
              .setSku(e.sku())
              .setPrice(e.price().toWire())
              .setVersion(e.version())
              .build());
    } else if (event instanceof ProductRebranded e) {
      return Message.of(
          StoresContract.PRODUCT_REBRANDED,
          id,
          io.mallbots.stores.v1.ProductRebranded.newBuilder()
              .setId(id)
              .setName(e.name())
              .setDescription(e.description())
              .setVersion(e.version())
              .build());
    } else if (event instanceof ProductPriceChanged e) {
      return Message.of(
          StoresContract.PRODUCT_PRICE_CHANGED,
          id,
          io.mallbots.stores.v1.ProductPriceChanged.newBuilder()
              .setId(id)
              .setDelta(e.delta().toWire())
              .setPrice(e.price().toWire())
              .setVersion(e.version())
              .build());
    } else if (event instanceof ProductRemoved e) {
      return Message.of(
          StoresContract.PRODUCT_REMOVED,
          id,
          io.mallbots.stores.v1.ProductRemoved.newBuilder()
              .setId(id)
              .setVersion(e.version())
              .build());
    }
    throw new IllegalArgumentException("no message for " + event);
  }
}

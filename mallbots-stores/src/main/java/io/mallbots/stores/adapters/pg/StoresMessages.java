package io.mallbots.stores.adapters.pg;

import com.google.protobuf.MessageLite;
import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.stores.application.DomainEvents;
import io.mallbots.stores.domain.product.ProductEvent;
import io.mallbots.stores.domain.product.ProductAdded;
import io.mallbots.stores.domain.product.ProductPriceChanged;
import io.mallbots.stores.domain.product.ProductRebranded;
import io.mallbots.stores.domain.product.ProductRemoved;
import io.mallbots.stores.domain.store.StoreEvent;
import io.mallbots.stores.domain.store.StoreCreated;
import io.mallbots.stores.domain.store.StoreParticipationToggled;
import io.mallbots.stores.domain.store.StoreRebranded;
import io.vertx.core.Future;

/**
 * Domain events as the messages of {@code mallbots/stores/v1/events.proto}, added to the outbox of the
 * transaction that raised them. Keyed by the aggregate id, so each store's and each product's events
 * arrive in order.
 */
public final class StoresMessages implements DomainEvents {

  public static final String STORE_TOPIC = "mallbots.stores.events.Store";
  public static final String PRODUCT_TOPIC = "mallbots.stores.events.Product";

  @Override
  public Future<Void> publish(Tx tx, StoreEvent event) {
    return Outbox.append(tx, message(event));
  }

  @Override
  public Future<Void> publish(Tx tx, ProductEvent event) {
    return Outbox.append(tx, message(event));
  }

  static Message message(StoreEvent event) {
    String id = event.storeId().toString();
    return envelope(STORE_TOPIC, event.getClass().getSimpleName(), id, storePayload(id, event));
  }

  static Message message(ProductEvent event) {
    String id = event.productId().toString();
    return envelope(PRODUCT_TOPIC, event.getClass().getSimpleName(), id, productPayload(id, event));
  }

  // Java 17 has no pattern matching for switch: instanceof chains, closed by the sealed interfaces.
  private static MessageLite storePayload(String id, StoreEvent event) {
    if (event instanceof StoreCreated e) {
      return io.mallbots.stores.v1.StoreCreated.newBuilder().setId(id).setName(e.name())
          .setLocation(e.location()).setOwnerId(e.ownerId()).build();
    } else if (event instanceof StoreParticipationToggled e) {
      return io.mallbots.stores.v1.StoreParticipationToggled.newBuilder().setId(id)
          .setParticipating(e.participating()).build();
    } else if (event instanceof StoreRebranded e) {
      return io.mallbots.stores.v1.StoreRebranded.newBuilder().setId(id).setName(e.name()).build();
    }
    throw new IllegalArgumentException("no message for " + event);
  }

  private static MessageLite productPayload(String id, ProductEvent event) {
    if (event instanceof ProductAdded e) {
      return io.mallbots.stores.v1.ProductAdded.newBuilder().setId(id).setStoreId(e.storeId().toString())
          .setName(e.name()).setDescription(e.description()).setSku(e.sku()).setPrice(e.price().toWire()).build();
    } else if (event instanceof ProductRebranded e) {
      return io.mallbots.stores.v1.ProductRebranded.newBuilder().setId(id).setName(e.name())
          .setDescription(e.description()).build();
    } else if (event instanceof ProductPriceChanged e) {
      return io.mallbots.stores.v1.ProductPriceChanged.newBuilder().setId(id).setDelta(e.delta().toWire())
          .setPrice(e.price().toWire()).build();
    } else if (event instanceof ProductRemoved) {
      return io.mallbots.stores.v1.ProductRemoved.newBuilder().setId(id).build();
    }
    throw new IllegalArgumentException("no message for " + event);
  }

  /** The envelope name is {@code stores.<ProtoMessage>}; the domain records carry the same simple names. */
  private static Message envelope(String topic, String event, String key, MessageLite payload) {
    return Message.create(topic, "stores." + event, key, payload.toByteArray());
  }
}

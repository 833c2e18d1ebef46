package io.mallbots.baskets.ports.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.baskets.testing.RunningBaskets;
import io.mallbots.baskets.testing.StoresEvents;
import io.mallbots.core.domain.Money;
import io.mallbots.core.messaging.Message;
import io.mallbots.stores.v1.ProductAdded;
import io.mallbots.stores.v1.ProductPriceChanged;
import io.mallbots.stores.v1.ProductRebranded;
import io.mallbots.stores.v1.ProductRemoved;
import io.mallbots.stores.v1.StoreCreated;
import io.mallbots.stores.v1.StoreRebranded;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stores' events delivered out of order (several instances, a replay, a dead-letter re-drive),
 * through the deployed service's handler and its database: the catalog copy ends at the newest
 * state, whatever the order.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutOfOrderStoresEventsTest {

  private final String storeId = UUID.randomUUID().toString();
  private RunningBaskets service;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningBaskets.start(vertx, "baskets_versions", "memory");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void
      a_price_change_before_its_product_added_and_an_old_one_replayed_later_leave_the_newest_price() {
    String id = UUID.randomUUID().toString();

    service.handled(priceChanged(id, 3.99, 3));
    service.handled(added(id, "Widget", 2.50, 1));
    service.handled(priceChanged(id, 2.99, 2));
    service.handled(priceChanged(id, 3.99, 3));

    assertThat(cached(id))
        .contains(new Product(productId(id), store(), "Widget", Money.of("3.99")));
  }

  @Test
  void a_rename_and_a_price_change_out_of_order_each_keep_their_newest_value() {
    String id = UUID.randomUUID().toString();

    service.handled(added(id, "Widget", 2.50, 1));
    service.handled(rebranded(id, "Gizmo", 4));
    service.handled(priceChanged(id, 5.00, 3));
    service.handled(rebranded(id, "Gadget", 2));

    assertThat(cached(id)).contains(new Product(productId(id), store(), "Gizmo", Money.of("5.00")));
  }

  @Test
  void a_partial_copy_is_no_product_until_its_product_added_completes_it() {
    String id = UUID.randomUUID().toString();

    service.handled(priceChanged(id, 3.99, 2));

    assertThat(cached(id)).isEmpty();
  }

  @Test
  void an_old_product_added_replayed_after_the_removal_does_not_bring_the_product_back() {
    String id = UUID.randomUUID().toString();
    service.handled(added(id, "Widget", 2.50, 1));

    service.handled(removed(id, 3));
    service.handled(added(id, "Widget", 2.50, 1));
    service.handled(priceChanged(id, 2.99, 2));

    assertThat(cached(id)).isEmpty();
    assertThat(service.productCache().removed(productId(id)).await()).isTrue();
  }

  @Test
  void events_without_a_version_apply_as_before() {
    String id = UUID.randomUUID().toString();
    service.handled(added(id, "Widget", 2.50, 1));

    service.handled(priceChanged(id, 4.00, 5));
    service.handled(priceChanged(id, 1.50, 0));

    assertThat(cached(id)).get().extracting(Product::price).isEqualTo(Money.of("1.50"));
  }

  @Test
  void an_old_store_rebranded_or_created_after_a_newer_rebrand_does_not_rename_the_store_back() {
    String id = UUID.randomUUID().toString();

    service.handled(storeRebranded(id, "Gadgets", 3));
    service.handled(storeCreated(id, "Widgets", 1));
    service.handled(storeRebranded(id, "Sprockets", 2));

    StoreId store = new StoreId(UUID.fromString(id));
    assertThat(service.storeCache().find(store).await()).contains(new Store(store, "Gadgets"));
  }

  private Optional<Product> cached(String id) {
    return service.productCache().find(productId(id)).await();
  }

  private StoreId store() {
    return new StoreId(UUID.fromString(storeId));
  }

  private static ProductId productId(String id) {
    return new ProductId(UUID.fromString(id));
  }

  private Message added(String id, String name, double price, long version) {
    return StoresEvents.product(
        id,
        "stores.ProductAdded",
        ProductAdded.newBuilder()
            .setId(id)
            .setStoreId(storeId)
            .setName(name)
            .setSku("W-1")
            .setPrice(price)
            .setVersion(version)
            .build()
            .toByteArray());
  }

  private static Message priceChanged(String id, double price, long version) {
    return StoresEvents.product(
        id,
        "stores.ProductPriceChanged",
        ProductPriceChanged.newBuilder()
            .setId(id)
            .setPrice(price)
            .setVersion(version)
            .build()
            .toByteArray());
  }

  private static Message rebranded(String id, String name, long version) {
    return StoresEvents.product(
        id,
        "stores.ProductRebranded",
        ProductRebranded.newBuilder()
            .setId(id)
            .setName(name)
            .setVersion(version)
            .build()
            .toByteArray());
  }

  private static Message removed(String id, long version) {
    return StoresEvents.product(
        id,
        "stores.ProductRemoved",
        ProductRemoved.newBuilder().setId(id).setVersion(version).build().toByteArray());
  }

  private static Message storeCreated(String id, String name, long version) {
    return StoresEvents.store(
        id,
        "stores.StoreCreated",
        StoreCreated.newBuilder()
            .setId(id)
            .setName(name)
            .setLocation("Ground floor")
            .setVersion(version)
            .build()
            .toByteArray());
  }

  private static Message storeRebranded(String id, String name, long version) {
    return StoresEvents.store(
        id,
        "stores.StoreRebranded",
        StoreRebranded.newBuilder()
            .setId(id)
            .setName(name)
            .setVersion(version)
            .build()
            .toByteArray());
  }
}

package io.mallbots.baskets.ports.handlers;

import static io.mallbots.baskets.testing.StoresEvents.productAdded;
import static io.mallbots.baskets.testing.StoresEvents.productPriceChanged;
import static io.mallbots.baskets.testing.StoresEvents.productRebranded;
import static io.mallbots.baskets.testing.StoresEvents.productRemoved;
import static io.mallbots.baskets.testing.StoresEvents.storeCreated;
import static io.mallbots.baskets.testing.StoresEvents.storeParticipationToggled;
import static io.mallbots.baskets.testing.StoresEvents.storeRebranded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.baskets.testing.RunningBaskets;
import io.mallbots.baskets.testing.StoresEvents;
import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.GetBasketRequest;
import io.mallbots.baskets.v1.Item;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.core.domain.Money;
import io.mallbots.core.messaging.Message;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stores' events, published on stores' topics as stores publishes them, keep baskets' copy of the
 * catalog, so AddItem needs no call to stores. The ids are unknown to the stand-in stores service:
 * only the events tell.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoresEventsTest {

  private RunningBaskets service;
  private List<Message> deadLetters;
  private String storeId;
  private String productId;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningBaskets.start(vertx, "baskets_events", "memory");
    deadLetters = service.watch(StoresEvents.PRODUCT_TOPIC + ".dlq");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @BeforeEach
  void newIds() {
    storeId = UUID.randomUUID().toString();
    productId = UUID.randomUUID().toString();
  }

  @Test
  void a_product_and_its_store_from_events_are_added_to_a_basket_without_asking_stores() {
    service.handled(storeCreated(storeId, "Widgets"));
    service.handled(productAdded(productId, storeId, "Widget", 2.5));
    int calls = service.stores().calls();

    String basketId = startBasket();
    service
        .grpc()
        .addItem(
            AddItemRequest.newBuilder()
                .setId(basketId)
                .setProductId(productId)
                .setQuantity(1)
                .build())
        .await();

    assertThat(
            service
                .grpc()
                .getBasket(GetBasketRequest.newBuilder().setId(basketId).build())
                .await()
                .getBasket()
                .getItemsList())
        .containsExactly(
            Item.newBuilder()
                .setStoreId(storeId)
                .setProductId(productId)
                .setStoreName("Widgets")
                .setProductName("Widget")
                .setProductPrice(2.5)
                .setQuantity(1)
                .build());
    assertThat(service.stores().calls()).isEqualTo(calls);
  }

  @Test
  void a_rebranded_and_repriced_product_is_kept_with_its_new_name_and_price() {
    service.handled(productAdded(productId, storeId, "Widget", 2.5));

    service.handled(productRebranded(productId, "Widget XL"));
    service.handled(productPriceChanged(productId, 1.49, 3.99));

    assertThat(cached())
        .contains(
            new Product(
                id(), new StoreId(UUID.fromString(storeId)), "Widget XL", Money.of("3.99")));
  }

  @Test
  void a_price_change_delivered_twice_is_applied_once_and_sets_the_price_not_the_delta_twice() {
    service.handled(productAdded(productId, storeId, "Widget", 2.5));
    Message increase = productPriceChanged(productId, 1, 3.5);

    service.publish(increase);
    service.handled(increase);

    assertThat(cached()).get().extracting(Product::price).isEqualTo(Money.of("3.50"));
    assertThat(
            service.number("SELECT count(*) FROM inbox WHERE message_id = '" + increase.id() + "'"))
        .isEqualTo(1);
  }

  @Test
  void
      a_price_change_or_rebrand_for_a_product_not_yet_known_is_ignored_and_stores_is_asked_when_needed() {
    service.handled(productPriceChanged(productId, 1, 9.99));
    service.handled(productRebranded(productId, "Ghost"));

    assertThat(cached()).isEmpty();
  }

  @Test
  void a_removed_product_cannot_be_added_to_a_basket() {
    String known = service.stores().product(service.stores().store("Widgets"), "Widget", 2);
    productId = known;
    service.handled(productRemoved(known));

    RunningBaskets.failsWith(
        GrpcStatus.NOT_FOUND,
        () ->
            service
                .grpc()
                .addItem(
                    AddItemRequest.newBuilder()
                        .setId(startBasket())
                        .setProductId(known)
                        .setQuantity(1)
                        .build()));
    assertThat(cached()).isEmpty();
  }

  @Test
  void a_product_added_after_its_removal_was_seen_stays_removed() {
    service.handled(productRemoved(productId));

    service.handled(productAdded(productId, storeId, "Widget", 2.5));

    assertThat(cached()).isEmpty();
  }

  @Test
  void a_rebranded_store_is_kept_with_its_new_name_even_if_its_creation_was_not_seen() {
    service.handled(storeCreated(storeId, "Widgets"));
    service.handled(storeRebranded(storeId, "Gadgets"));
    String unseen = UUID.randomUUID().toString();
    service.handled(storeRebranded(unseen, "Sprockets"));

    assertThat(service.storeCache().find(storeId(storeId)).await())
        .contains(new Store(storeId(storeId), "Gadgets"));
    assertThat(service.storeCache().find(storeId(unseen)).await())
        .contains(new Store(storeId(unseen), "Sprockets"));
  }

  @Test
  void events_baskets_does_not_need_are_passed_over_and_unknown_ones_end_in_the_dead_letters() {
    Message toggled = storeParticipationToggled(storeId);
    Message unknown =
        StoresEvents.product(productId, "stores.ProductRestocked", new byte[] {1, 2, 3});

    service.publish(toggled);
    service.publish(unknown);
    // A topic delivers a key's events in order: once this one is handled, the toggle before it was
    // too.
    service.handled(storeRebranded(storeId, "Gadgets"));

    assertThat(service.taken(toggled)).isFalse();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> deadLetters.stream().anyMatch(m -> m.id().equals(unknown.id())));
    assertThat(service.taken(unknown)).isFalse();
  }

  @Test
  void a_poison_event_goes_to_the_dead_letters_and_the_next_event_of_its_product_is_applied() {
    Message poison =
        StoresEvents.product(productId, "stores.ProductAdded", new byte[] {0x0a, 0x7f});
    Message notAnId = productAdded("widget-1", storeId, "Widget", 1);

    service.publish(poison);
    service.publish(notAnId);
    service.handled(productAdded(productId, storeId, "Widget", 2.5));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                deadLetters.stream()
                    .map(Message::id)
                    .toList()
                    .containsAll(List.of(poison.id(), notAnId.id())));
    assertThat(cached()).isPresent();
  }

  private String startBasket() {
    return service
        .grpc()
        .startBasket(
            StartBasketRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build())
        .await()
        .getId();
  }

  private ProductId id() {
    return new ProductId(UUID.fromString(productId));
  }

  private Optional<Product> cached() {
    return service.productCache().find(id()).await();
  }

  private static StoreId storeId(String id) {
    return new StoreId(UUID.fromString(id));
  }
}

package io.mallbots.baskets.agent;

import static io.mallbots.baskets.testing.StoresEvents.productAdded;
import static io.mallbots.baskets.testing.StoresEvents.productPriceChanged;
import static io.mallbots.baskets.testing.StoresEvents.storeCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.baskets.testing.RunningBaskets;
import io.mallbots.baskets.testing.StoresEvents;
import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.BasketCanceled;
import io.mallbots.baskets.v1.BasketCheckedOut;
import io.mallbots.baskets.v1.BasketStarted;
import io.mallbots.baskets.v1.CancelBasketRequest;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.core.messaging.Message;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Baskets on a real broker, as stores and ordering meet it: stores' events, published on stores'
 * topics, fill the catalog copy; a basket's events leave through the outbox on {@code
 * mallbots.baskets.events.Basket}, keyed by the basket, with what ordering needs; a poison event
 * goes to the dead letters while the rest keep flowing. Subclassed per broker, unchanged; ids are
 * new in every run, since brokers keep what earlier runs published.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BasketsOnTheBrokerContract {

  private static final String BASKET_TOPIC = "mallbots.baskets.events.Basket";
  private RunningBaskets service;
  private List<Message> published;
  private List<Message> deadLetters;

  /** kafka, nats or memory. */
  abstract String eventServer();

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningBaskets.start(vertx, "baskets_" + eventServer(), eventServer());
    published = service.watch(BASKET_TOPIC);
    deadLetters = service.watch(StoresEvents.PRODUCT_TOPIC + ".dlq");
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void stores_events_fill_the_copy_and_a_checkout_goes_out_with_the_items_user_and_payment()
      throws Exception {
    String userId = UUID.randomUUID().toString();
    String paymentId = UUID.randomUUID().toString();
    String storeId = UUID.randomUUID().toString();
    String productId = UUID.randomUUID().toString();
    service.handled(storeCreated(storeId, "Widgets"));
    service.handled(productAdded(productId, storeId, "Widget", 2.5));
    service.handled(productPriceChanged(productId, -0.51, 1.99));
    int calls = service.stores().calls();

    String id =
        service
            .grpc()
            .startBasket(StartBasketRequest.newBuilder().setUserId(userId).build())
            .await()
            .getId();
    service
        .grpc()
        .addItem(
            AddItemRequest.newBuilder().setId(id).setProductId(productId).setQuantity(2).build())
        .await();
    service
        .grpc()
        .checkoutBasket(
            CheckoutBasketRequest.newBuilder().setId(id).setPaymentId(paymentId).build())
        .await();

    List<Message> events = eventsOf(id, 2);
    assertThat(service.stores().calls()).as("served from the copy").isEqualTo(calls);
    assertThat(events).extracting(Message::topic).containsOnly(BASKET_TOPIC);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly("baskets.BasketStarted", "baskets.BasketCheckedOut");
    assertThat(BasketStarted.parseFrom(events.get(0).payload()))
        .isEqualTo(BasketStarted.newBuilder().setId(id).setUserId(userId).build());
    assertThat(BasketCheckedOut.parseFrom(events.get(1).payload()))
        .isEqualTo(
            BasketCheckedOut.newBuilder()
                .setId(id)
                .setUserId(userId)
                .setPaymentId(paymentId)
                .addItems(
                    BasketCheckedOut.Item.newBuilder()
                        .setStoreId(storeId)
                        .setProductId(productId)
                        .setStoreName("Widgets")
                        .setProductName("Widget")
                        .setPrice(1.99)
                        .setQuantity(2))
                .build());
  }

  @Test
  void a_canceled_basket_goes_out_as_basket_canceled() throws Exception {
    String id =
        service
            .grpc()
            .startBasket(
                StartBasketRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build())
            .await()
            .getId();

    service.grpc().cancelBasket(CancelBasketRequest.newBuilder().setId(id).build()).await();

    List<Message> events = eventsOf(id, 2);
    assertThat(events)
        .extracting(Message::name)
        .containsExactly("baskets.BasketStarted", "baskets.BasketCanceled");
    assertThat(BasketCanceled.parseFrom(events.get(1).payload()).getId()).isEqualTo(id);
  }

  @Test
  void
      a_poison_product_event_goes_to_the_dead_letters_and_the_next_one_of_its_product_is_applied() {
    String productId = UUID.randomUUID().toString();
    Message poison =
        StoresEvents.product(productId, "stores.ProductAdded", new byte[] {0x0a, 0x7f});

    service.publish(poison);
    service.handled(productAdded(productId, UUID.randomUUID().toString(), "Widget", 2.5));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> deadLetters.stream().anyMatch(m -> m.id().equals(poison.id())));
    assertThat(service.number("SELECT count(*) FROM product_cache WHERE id = '" + productId + "'"))
        .isEqualTo(1);
  }

  /**
   * The first {@code count} events about {@code basketId}, in arrival order, once they are all
   * here.
   */
  private List<Message> eventsOf(String basketId, int count) {
    await().atMost(Duration.ofSeconds(30)).until(() -> about(basketId).size() >= count);
    return about(basketId).subList(0, count);
  }

  private List<Message> about(String basketId) {
    return published.stream().filter(m -> m.aggregateId().equals(basketId)).toList();
  }
}

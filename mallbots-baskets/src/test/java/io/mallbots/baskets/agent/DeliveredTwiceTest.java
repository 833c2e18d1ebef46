package io.mallbots.baskets.agent;

import static io.mallbots.baskets.testing.StoresEvents.productAdded;
import static io.mallbots.baskets.testing.StoresEvents.productPriceChanged;
import static io.mallbots.baskets.testing.StoresEvents.storeCreated;
import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.baskets.testing.RunningBaskets;
import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.GetBasketRequest;
import io.mallbots.baskets.v1.Item;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.core.messaging.TwiceDeliveringEventStream;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With every message handed to its handler twice (TwiceDeliveringEventStream), each stores event
 * still acts once.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveredTwiceTest {

  private RunningBaskets service;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningBaskets.prepare(vertx, "baskets_twice", "memory", Map.of());
    service.decorateStream(TwiceDeliveringEventStream::new).start();
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void stores_events_delivered_twice_fill_the_copy_once_and_a_basket_gets_the_product_once() {
    String storeId = UUID.randomUUID().toString();
    String productId = UUID.randomUUID().toString();
    assertThat(service.verticle().agent().stream()).isInstanceOf(TwiceDeliveringEventStream.class);
    service.handled(storeCreated(storeId, "Widgets"));
    service.handled(productAdded(productId, storeId, "Widget", 2.5));
    service.handled(productPriceChanged(productId, 0.5, 3));

    String basketId =
        service
            .grpc()
            .startBasket(
                StartBasketRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build())
            .await()
            .getId();
    service
        .grpc()
        .addItem(
            AddItemRequest.newBuilder()
                .setId(basketId)
                .setProductId(productId)
                .setQuantity(1)
                .build())
        .await();

    assertThat(service.number("SELECT count(*) FROM inbox")).isEqualTo(3);
    assertThat(
            service
                .grpc()
                .getBasket(GetBasketRequest.newBuilder().setId(basketId).build())
                .await()
                .getBasket()
                .getItemsList())
        .extracting(Item::getProductPrice, Item::getQuantity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3.0, 1));
  }
}

package io.mallbots.baskets.ports.grpc;

import static io.mallbots.baskets.testing.RunningBaskets.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.baskets.testing.RunningBaskets;
import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.Basket;
import io.mallbots.baskets.v1.BasketServiceGrpcClient;
import io.mallbots.baskets.v1.BasketStatus;
import io.mallbots.baskets.v1.CancelBasketRequest;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.GetBasketRequest;
import io.mallbots.baskets.v1.Item;
import io.mallbots.baskets.v1.RemoveItemRequest;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** BasketService through a real vertx-grpc client, the service deployed as in production. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BasketsGrpcServerTest {

  private static final String PAYMENT = UUID.randomUUID().toString();

  private RunningBaskets service;
  private BasketServiceGrpcClient baskets;
  private String userId;
  private String storeId;
  private String widget;
  private String gizmo;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningBaskets.start(vertx, "baskets_grpc", "memory");
    baskets = service.grpc();
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @BeforeEach
  void aStoreWithTwoProducts() {
    userId = UUID.randomUUID().toString();
    storeId = service.stores().store("Widgets");
    widget = service.stores().product(storeId, "Widget", 2.5);
    gizmo = service.stores().product(storeId, "Gizmo", 10);
  }

  @Test
  void a_shopper_fills_a_basket_and_checks_it_out() {
    String id = startBasket();
    add(id, widget, 3);
    add(id, gizmo, 1);
    baskets
        .removeItem(
            RemoveItemRequest.newBuilder().setId(id).setProductId(widget).setQuantity(1).build())
        .await();

    baskets
        .checkoutBasket(CheckoutBasketRequest.newBuilder().setId(id).setPaymentId(PAYMENT).build())
        .await();

    assertThat(basket(id))
        .isEqualTo(
            Basket.newBuilder()
                .setId(id)
                .setUserId(userId)
                .setStatus(BasketStatus.BASKET_STATUS_CHECKED_OUT)
                .setPaymentId(PAYMENT)
                .addItems(item(widget, "Widget", 2.5, 2))
                .addItems(item(gizmo, "Gizmo", 10, 1))
                .build());
  }

  @Test
  void adding_one_puts_exactly_one_in_the_basket() {
    String id = startBasket();

    add(id, widget, 1);

    assertThat(basket(id).getItemsList()).extracting(Item::getQuantity).containsExactly(1);
  }

  @Test
  void removing_one_of_two_leaves_one_and_removing_more_than_held_removes_the_item() {
    String id = startBasket();
    add(id, widget, 2);
    add(id, gizmo, 2);

    baskets
        .removeItem(
            RemoveItemRequest.newBuilder().setId(id).setProductId(widget).setQuantity(1).build())
        .await();
    baskets
        .removeItem(
            RemoveItemRequest.newBuilder().setId(id).setProductId(gizmo).setQuantity(5).build())
        .await();

    assertThat(basket(id).getItemsList())
        .extracting(Item::getProductId, Item::getQuantity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(widget, 1));
  }

  @Test
  void a_canceled_basket_reads_back_canceled() {
    String id = startBasket();

    baskets.cancelBasket(CancelBasketRequest.newBuilder().setId(id).build()).await();

    assertThat(basket(id).getStatus()).isEqualTo(BasketStatus.BASKET_STATUS_CANCELED);
    assertThat(basket(id).getPaymentId()).isEmpty();
  }

  @Test
  void missing_or_malformed_values_are_invalid_argument() {
    String id = startBasket();
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () -> baskets.startBasket(StartBasketRequest.getDefaultInstance()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () -> baskets.startBasket(StartBasketRequest.newBuilder().setUserId("alice").build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () -> baskets.getBasket(GetBasketRequest.newBuilder().setId("b-1").build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            baskets.addItem(
                AddItemRequest.newBuilder()
                    .setId(id)
                    .setProductId("not-a-product")
                    .setQuantity(1)
                    .build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            baskets.addItem(
                AddItemRequest.newBuilder().setId(id).setProductId(widget).setQuantity(0).build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () ->
            baskets.removeItem(
                RemoveItemRequest.newBuilder()
                    .setId(id)
                    .setProductId(widget)
                    .setQuantity(-1)
                    .build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () -> baskets.checkoutBasket(CheckoutBasketRequest.newBuilder().setId(id).build()));
    failsWith(
        GrpcStatus.INVALID_ARGUMENT,
        () -> baskets.cancelBasket(CancelBasketRequest.getDefaultInstance()));
  }

  @Test
  void unknown_baskets_products_and_items_are_not_found() {
    String id = startBasket();
    String nobody = UUID.randomUUID().toString();
    failsWith(
        GrpcStatus.NOT_FOUND,
        () -> baskets.getBasket(GetBasketRequest.newBuilder().setId(nobody).build()));
    failsWith(
        GrpcStatus.NOT_FOUND,
        () -> baskets.cancelBasket(CancelBasketRequest.newBuilder().setId(nobody).build()));
    failsWith(
        GrpcStatus.NOT_FOUND,
        () ->
            baskets.addItem(
                AddItemRequest.newBuilder().setId(id).setProductId(nobody).setQuantity(1).build()));
    failsWith(
        GrpcStatus.NOT_FOUND,
        () ->
            baskets.removeItem(
                RemoveItemRequest.newBuilder()
                    .setId(id)
                    .setProductId(widget)
                    .setQuantity(1)
                    .build()));
  }

  @Test
  void an_empty_or_ended_basket_is_failed_precondition() {
    String id = startBasket();
    failsWith(
        GrpcStatus.FAILED_PRECONDITION,
        () ->
            baskets.checkoutBasket(
                CheckoutBasketRequest.newBuilder().setId(id).setPaymentId(PAYMENT).build()));

    add(id, widget, 1);
    baskets
        .checkoutBasket(CheckoutBasketRequest.newBuilder().setId(id).setPaymentId(PAYMENT).build())
        .await();

    failsWith(
        GrpcStatus.FAILED_PRECONDITION,
        () ->
            baskets.addItem(
                AddItemRequest.newBuilder().setId(id).setProductId(gizmo).setQuantity(1).build()));
    failsWith(
        GrpcStatus.FAILED_PRECONDITION,
        () ->
            baskets.removeItem(
                RemoveItemRequest.newBuilder()
                    .setId(id)
                    .setProductId(widget)
                    .setQuantity(1)
                    .build()));
    failsWith(
        GrpcStatus.FAILED_PRECONDITION,
        () -> baskets.cancelBasket(CancelBasketRequest.newBuilder().setId(id).build()));
  }

  @Test
  void stores_not_answering_on_a_miss_is_unavailable() {
    String id = startBasket();
    service.stores().silent(true);
    try {
      failsWith(
          GrpcStatus.UNAVAILABLE,
          () ->
              baskets.addItem(
                  AddItemRequest.newBuilder()
                      .setId(id)
                      .setProductId(widget)
                      .setQuantity(1)
                      .build()));
    } finally {
      service.stores().silent(false);
    }
  }

  private String startBasket() {
    return baskets
        .startBasket(StartBasketRequest.newBuilder().setUserId(userId).build())
        .await()
        .getId();
  }

  private void add(String basketId, String productId, int quantity) {
    baskets
        .addItem(
            AddItemRequest.newBuilder()
                .setId(basketId)
                .setProductId(productId)
                .setQuantity(quantity)
                .build())
        .await();
  }

  private Basket basket(String id) {
    return baskets.getBasket(GetBasketRequest.newBuilder().setId(id).build()).await().getBasket();
  }

  private Item item(String productId, String name, double price, int quantity) {
    return Item.newBuilder()
        .setStoreId(storeId)
        .setProductId(productId)
        .setStoreName("Widgets")
        .setProductName(name)
        .setProductPrice(price)
        .setQuantity(quantity)
        .build();
  }
}

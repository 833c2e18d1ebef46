package io.mallbots.stores.ports.grpc;

import static io.mallbots.stores.testing.RunningStores.failsWith;
import static io.vertx.grpc.common.GrpcStatus.FAILED_PRECONDITION;
import static io.vertx.grpc.common.GrpcStatus.INVALID_ARGUMENT;
import static io.vertx.grpc.common.GrpcStatus.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.stores.testing.RunningStores;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.DecreaseProductPriceRequest;
import io.mallbots.stores.v1.DisableParticipationRequest;
import io.mallbots.stores.v1.EnableParticipationRequest;
import io.mallbots.stores.v1.GetCatalogRequest;
import io.mallbots.stores.v1.GetParticipatingStoresRequest;
import io.mallbots.stores.v1.GetProductRequest;
import io.mallbots.stores.v1.GetStoreRequest;
import io.mallbots.stores.v1.GetStoresRequest;
import io.mallbots.stores.v1.IncreaseProductPriceRequest;
import io.mallbots.stores.v1.Product;
import io.mallbots.stores.v1.RebrandProductRequest;
import io.mallbots.stores.v1.RebrandStoreRequest;
import io.mallbots.stores.v1.RemoveProductRequest;
import io.mallbots.stores.v1.Store;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every RPC of StoresService through a real vertx-grpc client: the happy path and each error class.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoresGrpcServerTest {

  private static final String UNKNOWN = UUID.randomUUID().toString();

  private RunningStores service;
  private StoresServiceGrpcClient stores;

  @BeforeAll
  void start(Vertx vertx) {
    service = RunningStores.start(vertx, "stores_grpc", "memory");
    stores = service.grpc();
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void a_created_store_is_returned_as_given_and_does_not_participate() {
    String id = createStore("Waldo's Widgets", "7a3e1c5b-9d2f-4e6a-b1c8-2f4d6e8a0c17");

    assertThat(stores.getStore(GetStoreRequest.newBuilder().setId(id).build()).await().getStore())
        .isEqualTo(
            Store.newBuilder()
                .setId(id)
                .setName("Waldo's Widgets")
                .setLocation("Upper floor")
                .setParticipating(false)
                .setOwnerId("7a3e1c5b-9d2f-4e6a-b1c8-2f4d6e8a0c17")
                .build());
  }

  @Test
  void a_store_needs_a_name_and_a_location_and_an_owner_named_by_a_user_id() {
    failsWith(
        INVALID_ARGUMENT,
        () -> stores.createStore(CreateStoreRequest.newBuilder().setLocation("x").build()));
    failsWith(
        INVALID_ARGUMENT,
        () -> stores.createStore(CreateStoreRequest.newBuilder().setName("x").build()));
    failsWith(
        INVALID_ARGUMENT,
        () ->
            stores.createStore(
                CreateStoreRequest.newBuilder()
                    .setName("x")
                    .setLocation("y")
                    .setOwnerId("'; DROP TABLE users; --")
                    .build()));
  }

  @Test
  void participation_can_be_enabled_and_disabled_once_each() {
    String id = createStore("Toggler", "");

    stores.enableParticipation(enable(id)).await();
    assertThat(participatingIds()).contains(id);
    failsWith(FAILED_PRECONDITION, () -> stores.enableParticipation(enable(id)));

    stores.disableParticipation(disable(id)).await();
    assertThat(participatingIds()).doesNotContain(id);
    failsWith(FAILED_PRECONDITION, () -> stores.disableParticipation(disable(id)));
  }

  @Test
  void participation_of_an_unknown_or_malformed_store_is_refused() {
    failsWith(NOT_FOUND, () -> stores.enableParticipation(enable(UNKNOWN)));
    failsWith(INVALID_ARGUMENT, () -> stores.disableParticipation(disable("42")));
    failsWith(
        INVALID_ARGUMENT,
        () -> stores.enableParticipation(EnableParticipationRequest.getDefaultInstance()));
  }

  @Test
  void a_rebranded_store_has_its_new_name() {
    String id = createStore("Old name", "");

    stores
        .rebrandStore(RebrandStoreRequest.newBuilder().setId(id).setName("New name").build())
        .await();

    assertThat(store(id).getName()).isEqualTo("New name");
    failsWith(
        INVALID_ARGUMENT,
        () -> stores.rebrandStore(RebrandStoreRequest.newBuilder().setId(id).build()));
    failsWith(
        NOT_FOUND,
        () ->
            stores.rebrandStore(
                RebrandStoreRequest.newBuilder().setId(UNKNOWN).setName("x").build()));
  }

  @Test
  void get_store_refuses_missing_and_malformed_ids_and_reports_unknown_ones() {
    failsWith(INVALID_ARGUMENT, () -> stores.getStore(GetStoreRequest.getDefaultInstance()));
    failsWith(
        INVALID_ARGUMENT,
        () -> stores.getStore(GetStoreRequest.newBuilder().setId("not-a-uuid").build()));
    failsWith(
        INVALID_ARGUMENT,
        () -> stores.getStore(GetStoreRequest.newBuilder().setId("1-2-3-4-5").build()));
    failsWith(
        NOT_FOUND, () -> stores.getStore(GetStoreRequest.newBuilder().setId(UNKNOWN).build()));
  }

  @Test
  void get_stores_lists_every_store_participating_or_not() {
    String idle = createStore("Idle", "");
    String busy = createStore("Busy", "");
    stores.enableParticipation(enable(busy)).await();

    assertThat(stores.getStores(GetStoresRequest.getDefaultInstance()).await().getStoresList())
        .extracting(Store::getId)
        .contains(idle, busy);
    assertThat(participatingIds()).contains(busy).doesNotContain(idle);
  }

  @Test
  void an_added_product_is_in_its_store_catalog_with_the_price_rounded_to_cents() {
    String storeId = createStore("Catalog", "");
    String id = addProduct(storeId, 9.999);

    Product product = product(id);
    assertThat(product)
        .isEqualTo(
            Product.newBuilder()
                .setId(id)
                .setStoreId(storeId)
                .setName("Widget")
                .setDescription("Blue")
                .setSku("W-1")
                .setPrice(10.00)
                .build());
    assertThat(catalog(storeId)).containsExactly(product);
  }

  @Test
  void a_product_needs_a_known_store_a_name_a_sku_and_a_positive_finite_price() {
    String storeId = createStore("Strict", "");
    AddProductRequest valid =
        AddProductRequest.newBuilder()
            .setStoreId(storeId)
            .setName("Widget")
            .setSku("W-1")
            .setPrice(1)
            .build();

    failsWith(NOT_FOUND, () -> stores.addProduct(valid.toBuilder().setStoreId(UNKNOWN).build()));
    failsWith(
        INVALID_ARGUMENT, () -> stores.addProduct(valid.toBuilder().setStoreId("store-1").build()));
    failsWith(INVALID_ARGUMENT, () -> stores.addProduct(valid.toBuilder().clearName().build()));
    failsWith(INVALID_ARGUMENT, () -> stores.addProduct(valid.toBuilder().clearSku().build()));
    for (double price : new double[] {0, -1, 0.004, Double.NaN, Double.POSITIVE_INFINITY}) {
      failsWith(
          INVALID_ARGUMENT, () -> stores.addProduct(valid.toBuilder().setPrice(price).build()));
    }
    assertThat(catalog(storeId)).isEmpty();
  }

  @Test
  void an_increase_raises_the_price() {
    String id = addProduct(createStore("Rising", ""), 10);

    stores
        .increaseProductPrice(
            IncreaseProductPriceRequest.newBuilder().setId(id).setPrice(12.5).build())
        .await();

    assertThat(product(id).getPrice()).isEqualTo(12.5);
  }

  @Test
  void an_increase_to_the_same_or_a_lower_price_is_refused() {
    String id = addProduct(createStore("Flat", ""), 10);

    failsWith(
        FAILED_PRECONDITION,
        () ->
            stores.increaseProductPrice(
                IncreaseProductPriceRequest.newBuilder().setId(id).setPrice(10).build()));
    failsWith(
        FAILED_PRECONDITION,
        () ->
            stores.increaseProductPrice(
                IncreaseProductPriceRequest.newBuilder().setId(id).setPrice(9).build()));
    failsWith(
        INVALID_ARGUMENT,
        () ->
            stores.increaseProductPrice(
                IncreaseProductPriceRequest.newBuilder().setId(id).setPrice(Double.NaN).build()));
    failsWith(
        NOT_FOUND,
        () ->
            stores.increaseProductPrice(
                IncreaseProductPriceRequest.newBuilder().setId(UNKNOWN).setPrice(20).build()));
    assertThat(product(id).getPrice()).isEqualTo(10);
  }

  @Test
  void a_decrease_lowers_the_price_and_keeps_it_above_zero() {
    String id = addProduct(createStore("Sale", ""), 10);

    stores
        .decreaseProductPrice(
            DecreaseProductPriceRequest.newBuilder().setId(id).setPrice(7.25).build())
        .await();

    assertThat(product(id).getPrice()).isEqualTo(7.25);
    failsWith(
        FAILED_PRECONDITION,
        () ->
            stores.decreaseProductPrice(
                DecreaseProductPriceRequest.newBuilder().setId(id).setPrice(7.25).build()));
    failsWith(
        INVALID_ARGUMENT,
        () ->
            stores.decreaseProductPrice(
                DecreaseProductPriceRequest.newBuilder().setId(id).setPrice(0).build()));
    failsWith(
        INVALID_ARGUMENT,
        () ->
            stores.decreaseProductPrice(
                DecreaseProductPriceRequest.newBuilder().setId(id).setPrice(-3).build()));
    failsWith(
        NOT_FOUND,
        () ->
            stores.decreaseProductPrice(
                DecreaseProductPriceRequest.newBuilder().setId(UNKNOWN).setPrice(1).build()));
  }

  @Test
  void a_rebranded_product_has_its_new_name_and_description() {
    String id = addProduct(createStore("Brands", ""), 10);

    stores
        .rebrandProduct(RebrandProductRequest.newBuilder().setId(id).setName("Gizmo").build())
        .await();

    assertThat(product(id).getName()).isEqualTo("Gizmo");
    assertThat(product(id).getDescription()).isEmpty();
    failsWith(
        INVALID_ARGUMENT,
        () -> stores.rebrandProduct(RebrandProductRequest.newBuilder().setId(id).build()));
    failsWith(
        NOT_FOUND,
        () ->
            stores.rebrandProduct(
                RebrandProductRequest.newBuilder().setId(UNKNOWN).setName("x").build()));
  }

  @Test
  void a_removed_product_is_gone_and_cannot_be_removed_again() {
    String storeId = createStore("Clearance", "");
    String id = addProduct(storeId, 10);

    stores.removeProduct(RemoveProductRequest.newBuilder().setId(id).build()).await();

    failsWith(NOT_FOUND, () -> stores.getProduct(GetProductRequest.newBuilder().setId(id).build()));
    failsWith(
        NOT_FOUND, () -> stores.removeProduct(RemoveProductRequest.newBuilder().setId(id).build()));
    assertThat(catalog(storeId)).isEmpty();
  }

  @Test
  void product_and_catalog_queries_refuse_malformed_ids_and_report_unknown_ones() {
    failsWith(
        INVALID_ARGUMENT,
        () -> stores.getProduct(GetProductRequest.newBuilder().setId("' OR 1=1 --").build()));
    failsWith(
        NOT_FOUND, () -> stores.getProduct(GetProductRequest.newBuilder().setId(UNKNOWN).build()));
    failsWith(INVALID_ARGUMENT, () -> stores.getCatalog(GetCatalogRequest.getDefaultInstance()));
    failsWith(
        NOT_FOUND,
        () -> stores.getCatalog(GetCatalogRequest.newBuilder().setStoreId(UNKNOWN).build()));
    failsWith(
        INVALID_ARGUMENT,
        () -> stores.removeProduct(RemoveProductRequest.newBuilder().setId("x").build()));
  }

  private static EnableParticipationRequest enable(String id) {
    return EnableParticipationRequest.newBuilder().setId(id).build();
  }

  private static DisableParticipationRequest disable(String id) {
    return DisableParticipationRequest.newBuilder().setId(id).build();
  }

  private String createStore(String name, String owner) {
    CreateStoreRequest.Builder request =
        CreateStoreRequest.newBuilder().setName(name).setLocation("Upper floor");
    if (!owner.isEmpty()) {
      request.setOwnerId(owner);
    }
    return stores.createStore(request.build()).await().getId();
  }

  private String addProduct(String storeId, double price) {
    return stores
        .addProduct(
            AddProductRequest.newBuilder()
                .setStoreId(storeId)
                .setName("Widget")
                .setDescription("Blue")
                .setSku("W-1")
                .setPrice(price)
                .build())
        .await()
        .getId();
  }

  private Store store(String id) {
    return stores.getStore(GetStoreRequest.newBuilder().setId(id).build()).await().getStore();
  }

  private Product product(String id) {
    return stores.getProduct(GetProductRequest.newBuilder().setId(id).build()).await().getProduct();
  }

  private java.util.List<Product> catalog(String storeId) {
    return stores
        .getCatalog(GetCatalogRequest.newBuilder().setStoreId(storeId).build())
        .await()
        .getProductsList();
  }

  private java.util.List<String> participatingIds() {
    return stores
        .getParticipatingStores(GetParticipatingStoresRequest.getDefaultInstance())
        .await()
        .getStoresList()
        .stream()
        .map(Store::getId)
        .toList();
  }
}

package io.mallbots.baskets.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.baskets.testing.FakeStores;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.rpc.RpcClients;
import io.mallbots.core.rpc.RpcErrors;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stores fallback over real gRPC, against a stand-in StoresService on an ephemeral port. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcStoresDirectoryTest {

  private Vertx vertx;
  private FakeStores stores;
  private GrpcStoresDirectory directory;

  @BeforeAll
  void start(Vertx vertx) {
    this.vertx = vertx;
    stores = FakeStores.start(vertx);
    directory = new GrpcStoresDirectory(RpcClients.client(vertx, 300), stores.address());
  }

  @AfterAll
  void stop() {
    stores.close();
  }

  @Test
  void a_product_comes_with_its_store_name_and_price_to_the_cent() {
    String storeId = stores.store("Widgets");
    String productId = stores.product(storeId, "Widget", 2.505);

    assertThat(directory.product(new ProductId(UUID.fromString(productId))).await())
        .isEqualTo(
            new Product(
                new ProductId(UUID.fromString(productId)),
                new StoreId(UUID.fromString(storeId)),
                "Widget",
                Money.of("2.50")));
  }

  @Test
  void a_store_comes_with_its_name() {
    StoreId id = new StoreId(UUID.fromString(stores.store("Gadgets")));

    assertThat(directory.store(id).await()).isEqualTo(new Store(id, "Gadgets"));
  }

  @Test
  void a_product_or_store_stores_does_not_know_is_not_found() {
    assertThatThrownBy(() -> directory.product(ProductId.random()).await())
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> directory.store(StoreId.random()).await())
        .isInstanceOf(NotFound.class);
  }

  @Test
  void stores_not_answering_in_time_is_unavailable_to_the_caller() {
    stores.silent(true);
    try {
      assertThatThrownBy(() -> directory.product(ProductId.random()).await())
          .satisfies(
              e ->
                  assertThat(RpcErrors.toStatus("AddItem", e).status())
                      .isEqualTo(GrpcStatus.UNAVAILABLE));
    } finally {
      stores.silent(false);
    }
  }

  @Test
  void stores_being_down_is_unavailable_to_the_caller() {
    FakeStores gone = FakeStores.start(vertx);
    SocketAddress nobody = gone.address();
    gone.close();
    var unreachable = new GrpcStoresDirectory(RpcClients.client(vertx, 300), nobody);

    assertThatThrownBy(() -> unreachable.store(StoreId.random()).await())
        .satisfies(
            e ->
                assertThat(RpcErrors.toStatus("AddItem", e).status())
                    .isEqualTo(GrpcStatus.UNAVAILABLE));
  }
}

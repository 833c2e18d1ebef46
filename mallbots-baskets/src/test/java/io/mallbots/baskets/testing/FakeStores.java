package io.mallbots.baskets.testing;

import io.mallbots.core.domain.NotFound;
import io.mallbots.core.testing.FakeGrpcServer;
import io.mallbots.stores.v1.GetProductRequest;
import io.mallbots.stores.v1.GetProductResponse;
import io.mallbots.stores.v1.GetStoreRequest;
import io.mallbots.stores.v1.GetStoreResponse;
import io.mallbots.stores.v1.Product;
import io.mallbots.stores.v1.Store;
import io.mallbots.stores.v1.StoresServiceGrpcService;
import io.mallbots.stores.v1.StoresServiceService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the stores service ({@link FakeGrpcServer}): GetProduct and GetStore answered from
 * its maps as stores does; the other RPCs are UNIMPLEMENTED. {@link #calls()} counts both lookups.
 */
public final class FakeStores extends FakeGrpcServer {

  private final Map<String, Store> stores = new ConcurrentHashMap<>();
  private final Map<String, Product> products = new ConcurrentHashMap<>();

  private FakeStores(Vertx vertx) {
    serve(vertx, StoresServiceGrpcService.SERVICE_DESCRIPTOR, new Catalogs());
  }

  public static FakeStores start(Vertx vertx) {
    return new FakeStores(vertx);
  }

  /** A store with a new id; returns the id. */
  public String store(String name) {
    String id = UUID.randomUUID().toString();
    stores.put(id, Store.newBuilder().setId(id).setName(name).setLocation("Ground floor").build());
    return id;
  }

  /** A product of {@code storeId} with a new id; returns the id. */
  public String product(String storeId, String name, double price) {
    String id = UUID.randomUUID().toString();
    products.put(
        id,
        Product.newBuilder()
            .setId(id)
            .setStoreId(storeId)
            .setName(name)
            .setSku("SKU-" + name)
            .setPrice(price)
            .build());
    return id;
  }

  /** Stores forgets the product, as RemoveProduct does. */
  public void remove(String productId) {
    products.remove(productId);
  }

  /** The stores service's two lookups, from the maps. */
  private final class Catalogs extends StoresServiceService {
    @Override
    public Future<GetProductResponse> getProduct(GetProductRequest request) {
      String id = request.getId();
      return answer(
          id,
          () ->
              products.containsKey(id)
                  ? GetProductResponse.newBuilder().setProduct(products.get(id)).build()
                  : null,
          () -> new NotFound("no such thing: " + id));
    }

    @Override
    public Future<GetStoreResponse> getStore(GetStoreRequest request) {
      String id = request.getId();
      return answer(
          id,
          () ->
              stores.containsKey(id)
                  ? GetStoreResponse.newBuilder().setStore(stores.get(id)).build()
                  : null,
          () -> new NotFound("no such thing: " + id));
    }
  }
}

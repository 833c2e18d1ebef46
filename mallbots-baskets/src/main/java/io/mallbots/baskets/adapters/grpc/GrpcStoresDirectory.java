package io.mallbots.baskets.adapters.grpc;

import io.mallbots.baskets.application.StoresDirectory;
import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.rpc.RpcClients;
import io.mallbots.stores.v1.GetProductRequest;
import io.mallbots.stores.v1.GetStoreRequest;
import io.mallbots.stores.v1.StoresServiceGrpcClient;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;
import java.util.UUID;

/**
 * {@link StoresDirectory} over stores' gRPC API (GetProduct, GetStore). A NOT_FOUND from stores
 * becomes the domain's {@code NotFound}; any other failure (stores down, deadline passed) is
 * UNAVAILABLE, so the caller is told to try again. Calls complete on the caller's context.
 */
public final class GrpcStoresDirectory implements StoresDirectory {

  private final StoresServiceGrpcClient stores;

  /** {@code client} is from {@code RpcClients.client} (its deadline applies to every call). */
  public GrpcStoresDirectory(GrpcClient client, SocketAddress storesAddress) {
    this.stores = StoresServiceGrpcClient.create(client, storesAddress);
  }

  @Override
  public Future<Product> product(ProductId id) {
    return asked(
            stores.getProduct(GetProductRequest.newBuilder().setId(id.toString()).build()),
            "no product with id " + id)
        .map(response -> response.getProduct())
        .map(
            product ->
                new Product(
                    id,
                    new StoreId(UUID.fromString(product.getStoreId())),
                    product.getName(),
                    Money.fromWire(product.getPrice(), "price")));
  }

  @Override
  public Future<Store> store(StoreId id) {
    return asked(
            stores.getStore(GetStoreRequest.newBuilder().setId(id.toString()).build()),
            "no store with id " + id)
        .map(response -> new Store(id, response.getStore().getName()));
  }

  /**
   * NOT_FOUND as {@code NotFound}; everything else as UNAVAILABLE. (The client's own deadline ends
   * the call as CANCELLED, which the core would otherwise report as INTERNAL.)
   */
  private static <T> Future<T> asked(Future<T> call, String notFound) {
    return RpcClients.notFoundAs(call, notFound)
        .recover(
            failure ->
                failure instanceof NotFound
                    ? Future.failedFuture(failure)
                    : Future.failedFuture(
                        new StatusException(
                            GrpcStatus.UNAVAILABLE,
                            "stores cannot answer, try again: " + failure.getMessage())));
  }
}

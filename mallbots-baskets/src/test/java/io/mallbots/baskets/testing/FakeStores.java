package io.mallbots.baskets.testing;

import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.rpc.RpcEndpoint;
import io.mallbots.stores.v1.GetProductRequest;
import io.mallbots.stores.v1.GetProductResponse;
import io.mallbots.stores.v1.GetStoreRequest;
import io.mallbots.stores.v1.GetStoreResponse;
import io.mallbots.stores.v1.Product;
import io.mallbots.stores.v1.Store;
import io.mallbots.stores.v1.StoresServiceGrpcService;
import io.mallbots.stores.v1.StoresServiceService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.server.GrpcServer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the stores service: GetProduct and GetStore over real gRPC, served with the core's
 * {@link RpcEndpoint} on an ephemeral port, answering as stores does (INVALID_ARGUMENT for a non-UUID id,
 * NOT_FOUND for an unknown one; the other RPCs are UNIMPLEMENTED). It counts the calls and can be told to stop
 * answering (the caller's deadline then passes).
 */
public final class FakeStores implements AutoCloseable {

  private final Map<String, Store> stores = new ConcurrentHashMap<>();
  private final Map<String, Product> products = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile boolean silent;
  private final HttpServer server;

  private FakeStores(Vertx vertx) {
    GrpcServer grpc = GrpcServer.server(vertx)
        .addService(RpcEndpoint.of(StoresServiceGrpcService.SERVICE_DESCRIPTOR, new Catalogs()));
    server = vertx.createHttpServer().requestHandler(grpc).listen(0, "127.0.0.1").await();
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
    products.put(id, Product.newBuilder().setId(id).setStoreId(storeId).setName(name).setSku("SKU-" + name)
        .setPrice(price).build());
    return id;
  }

  /** Stores forgets the product, as RemoveProduct does. */
  public void remove(String productId) {
    products.remove(productId);
  }

  /** GetProduct and GetStore calls so far. */
  public int calls() {
    return calls.get();
  }

  /** While silent, stores never answers. */
  public void silent(boolean silent) {
    this.silent = silent;
  }

  public SocketAddress address() {
    return SocketAddress.inetSocketAddress(server.actualPort(), "127.0.0.1");
  }

  /** The value of {@code STORES_GRPC_ENDPOINT} that reaches this fake. */
  public String endpoint() {
    return "127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() {
    server.close().await();
  }

  private <T> Future<T> answer(String id, Map<String, ?> known, java.util.function.Supplier<T> response) {
    calls.incrementAndGet();
    if (silent) {
      return Promise.<T>promise().future();
    }
    try {
      UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new Invalid("id must be a UUID, got '" + id + "'"));
    }
    return known.containsKey(id) ? Future.succeededFuture(response.get())
        : Future.failedFuture(new NotFound("no such thing: " + id));
  }

  /** The stores service's two lookups, from the maps. */
  private final class Catalogs extends StoresServiceService {
    @Override
    public Future<GetProductResponse> getProduct(GetProductRequest request) {
      return answer(request.getId(), products,
          () -> GetProductResponse.newBuilder().setProduct(products.get(request.getId())).build());
    }

    @Override
    public Future<GetStoreResponse> getStore(GetStoreRequest request) {
      return answer(request.getId(), stores,
          () -> GetStoreResponse.newBuilder().setStore(stores.get(request.getId())).build());
    }
  }
}

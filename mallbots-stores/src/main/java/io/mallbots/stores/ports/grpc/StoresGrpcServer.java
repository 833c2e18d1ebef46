package io.mallbots.stores.ports.grpc;

import static io.mallbots.stores.ports.StoresWire.price;
import static io.mallbots.stores.ports.StoresWire.productId;
import static io.mallbots.stores.ports.StoresWire.storeId;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.rpc.RpcCaller;
import io.mallbots.stores.application.StoresApplication;
import io.mallbots.stores.application.commands.AddProduct;
import io.mallbots.stores.application.commands.CreateStore;
import io.mallbots.stores.application.commands.DecreaseProductPrice;
import io.mallbots.stores.application.commands.DisableParticipation;
import io.mallbots.stores.application.commands.EnableParticipation;
import io.mallbots.stores.application.commands.IncreaseProductPrice;
import io.mallbots.stores.application.commands.RebrandProduct;
import io.mallbots.stores.application.commands.RebrandStore;
import io.mallbots.stores.application.commands.RemoveProduct;
import io.mallbots.stores.application.queries.GetCatalog;
import io.mallbots.stores.application.queries.GetParticipatingStores;
import io.mallbots.stores.application.queries.GetProduct;
import io.mallbots.stores.application.queries.GetStore;
import io.mallbots.stores.application.queries.GetStores;
import io.mallbots.stores.domain.product.Product;
import io.mallbots.stores.domain.store.Store;
import io.mallbots.stores.v1.AddProductRequest;
import io.mallbots.stores.v1.AddProductResponse;
import io.mallbots.stores.v1.CreateStoreRequest;
import io.mallbots.stores.v1.CreateStoreResponse;
import io.mallbots.stores.v1.DecreaseProductPriceRequest;
import io.mallbots.stores.v1.DecreaseProductPriceResponse;
import io.mallbots.stores.v1.DisableParticipationRequest;
import io.mallbots.stores.v1.DisableParticipationResponse;
import io.mallbots.stores.v1.EnableParticipationRequest;
import io.mallbots.stores.v1.EnableParticipationResponse;
import io.mallbots.stores.v1.GetCatalogRequest;
import io.mallbots.stores.v1.GetCatalogResponse;
import io.mallbots.stores.v1.GetParticipatingStoresRequest;
import io.mallbots.stores.v1.GetParticipatingStoresResponse;
import io.mallbots.stores.v1.GetProductRequest;
import io.mallbots.stores.v1.GetProductResponse;
import io.mallbots.stores.v1.GetStoreRequest;
import io.mallbots.stores.v1.GetStoreResponse;
import io.mallbots.stores.v1.GetStoresRequest;
import io.mallbots.stores.v1.GetStoresResponse;
import io.mallbots.stores.v1.IncreaseProductPriceRequest;
import io.mallbots.stores.v1.IncreaseProductPriceResponse;
import io.mallbots.stores.v1.RebrandProductRequest;
import io.mallbots.stores.v1.RebrandProductResponse;
import io.mallbots.stores.v1.RebrandStoreRequest;
import io.mallbots.stores.v1.RebrandStoreResponse;
import io.mallbots.stores.v1.RemoveProductRequest;
import io.mallbots.stores.v1.RemoveProductResponse;
import io.mallbots.stores.v1.StoresServiceService;
import io.vertx.core.Future;

/**
 * StoresService over gRPC (and, through the core's JSON bridge, over HTTP): proto requests become
 * commands and queries, results become proto responses. Domain errors are mapped by the core.
 */
public final class StoresGrpcServer extends StoresServiceService {

  private final StoresApplication app;

  public StoresGrpcServer(StoresApplication app) {
    this.app = app;
  }

  @Override
  public Future<CreateStoreResponse> createStore(CreateStoreRequest request) {
    Actor actor = RpcCaller.actor();
    return app.createStore(
            new CreateStore(request.getName(), request.getLocation(), request.getOwnerId(), actor))
        .map(id -> CreateStoreResponse.newBuilder().setId(id.toString()).build());
  }

  @Override
  public Future<EnableParticipationResponse> enableParticipation(
      EnableParticipationRequest request) {
    Actor actor = RpcCaller.actor();
    return app.enableParticipation(new EnableParticipation(storeId(request.getId(), "id"), actor))
        .map(EnableParticipationResponse.getDefaultInstance());
  }

  @Override
  public Future<DisableParticipationResponse> disableParticipation(
      DisableParticipationRequest request) {
    Actor actor = RpcCaller.actor();
    return app.disableParticipation(new DisableParticipation(storeId(request.getId(), "id"), actor))
        .map(DisableParticipationResponse.getDefaultInstance());
  }

  @Override
  public Future<RebrandStoreResponse> rebrandStore(RebrandStoreRequest request) {
    Actor actor = RpcCaller.actor();
    return app.rebrandStore(
            new RebrandStore(storeId(request.getId(), "id"), request.getName(), actor))
        .map(RebrandStoreResponse.getDefaultInstance());
  }

  @Override
  public Future<GetStoreResponse> getStore(GetStoreRequest request) {
    return app.getStore(new GetStore(storeId(request.getId(), "id")))
        .map(store -> GetStoreResponse.newBuilder().setStore(proto(store)).build());
  }

  @Override
  public Future<GetStoresResponse> getStores(GetStoresRequest request) {
    return app.getStores(new GetStores())
        .map(
            stores ->
                GetStoresResponse.newBuilder()
                    .addAllStores(stores.stream().map(StoresGrpcServer::proto).toList())
                    .build());
  }

  @Override
  public Future<GetParticipatingStoresResponse> getParticipatingStores(
      GetParticipatingStoresRequest request) {
    return app.getParticipatingStores(new GetParticipatingStores())
        .map(
            stores ->
                GetParticipatingStoresResponse.newBuilder()
                    .addAllStores(stores.stream().map(StoresGrpcServer::proto).toList())
                    .build());
  }

  @Override
  public Future<AddProductResponse> addProduct(AddProductRequest request) {
    Actor actor = RpcCaller.actor();
    return app.addProduct(
            new AddProduct(
                storeId(request.getStoreId(), "store_id"),
                request.getName(),
                request.getDescription(),
                request.getSku(),
                price(request.getPrice()),
                actor))
        .map(id -> AddProductResponse.newBuilder().setId(id.toString()).build());
  }

  @Override
  public Future<RebrandProductResponse> rebrandProduct(RebrandProductRequest request) {
    Actor actor = RpcCaller.actor();
    return app.rebrandProduct(
            new RebrandProduct(
                productId(request.getId(), "id"),
                request.getName(),
                request.getDescription(),
                actor))
        .map(RebrandProductResponse.getDefaultInstance());
  }

  @Override
  public Future<IncreaseProductPriceResponse> increaseProductPrice(
      IncreaseProductPriceRequest request) {
    Actor actor = RpcCaller.actor();
    return app.increaseProductPrice(
            new IncreaseProductPrice(
                productId(request.getId(), "id"), price(request.getPrice()), actor))
        .map(IncreaseProductPriceResponse.getDefaultInstance());
  }

  @Override
  public Future<DecreaseProductPriceResponse> decreaseProductPrice(
      DecreaseProductPriceRequest request) {
    Actor actor = RpcCaller.actor();
    return app.decreaseProductPrice(
            new DecreaseProductPrice(
                productId(request.getId(), "id"), price(request.getPrice()), actor))
        .map(DecreaseProductPriceResponse.getDefaultInstance());
  }

  @Override
  public Future<RemoveProductResponse> removeProduct(RemoveProductRequest request) {
    Actor actor = RpcCaller.actor();
    return app.removeProduct(new RemoveProduct(productId(request.getId(), "id"), actor))
        .map(RemoveProductResponse.getDefaultInstance());
  }

  @Override
  public Future<GetProductResponse> getProduct(GetProductRequest request) {
    return app.getProduct(new GetProduct(productId(request.getId(), "id")))
        .map(product -> GetProductResponse.newBuilder().setProduct(proto(product)).build());
  }

  @Override
  public Future<GetCatalogResponse> getCatalog(GetCatalogRequest request) {
    return app.getCatalog(new GetCatalog(storeId(request.getStoreId(), "store_id")))
        .map(
            products ->
                GetCatalogResponse.newBuilder()
                    .addAllProducts(products.stream().map(StoresGrpcServer::proto).toList())
                    .build());
  }

  private static io.mallbots.stores.v1.Store proto(Store store) {
    return io.mallbots.stores.v1.Store.newBuilder()
        .setId(store.id().toString())
        .setName(store.name())
        .setLocation(store.location())
        .setParticipating(store.participating())
        .setOwnerId(store.ownerId())
        .build();
  }

  private static io.mallbots.stores.v1.Product proto(Product product) {
    return io.mallbots.stores.v1.Product.newBuilder()
        .setId(product.id().toString())
        .setStoreId(product.storeId().toString())
        .setName(product.name())
        .setDescription(product.description())
        .setSku(product.sku())
        .setPrice(product.price().toWire())
        .build();
  }
}

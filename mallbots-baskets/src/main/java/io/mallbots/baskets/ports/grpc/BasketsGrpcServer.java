package io.mallbots.baskets.ports.grpc;

import static io.mallbots.baskets.ports.BasketsWire.basketId;
import static io.mallbots.baskets.ports.BasketsWire.productId;
import static io.mallbots.core.domain.Uuids.canonical;

import io.mallbots.baskets.application.BasketsApplication;
import io.mallbots.baskets.application.commands.AddItem;
import io.mallbots.baskets.application.commands.CancelBasket;
import io.mallbots.baskets.application.commands.CheckoutBasket;
import io.mallbots.baskets.application.commands.RemoveItem;
import io.mallbots.baskets.application.commands.StartBasket;
import io.mallbots.baskets.application.queries.GetBasket;
import io.mallbots.baskets.domain.basket.Basket;
import io.mallbots.baskets.domain.basket.Item;
import io.mallbots.baskets.v1.AddItemRequest;
import io.mallbots.baskets.v1.AddItemResponse;
import io.mallbots.baskets.v1.BasketServiceService;
import io.mallbots.baskets.v1.BasketStatus;
import io.mallbots.baskets.v1.CancelBasketRequest;
import io.mallbots.baskets.v1.CancelBasketResponse;
import io.mallbots.baskets.v1.CheckoutBasketRequest;
import io.mallbots.baskets.v1.CheckoutBasketResponse;
import io.mallbots.baskets.v1.GetBasketRequest;
import io.mallbots.baskets.v1.GetBasketResponse;
import io.mallbots.baskets.v1.RemoveItemRequest;
import io.mallbots.baskets.v1.RemoveItemResponse;
import io.mallbots.baskets.v1.StartBasketRequest;
import io.mallbots.baskets.v1.StartBasketResponse;
import io.mallbots.core.domain.Actor;
import io.mallbots.core.rpc.RpcCaller;
import io.vertx.core.Future;

/**
 * BasketService over gRPC (and, through the core's JSON bridge, over HTTP): proto requests become
 * commands and queries, results become proto responses. Domain errors are mapped by the core.
 */
public final class BasketsGrpcServer extends BasketServiceService {

  private final BasketsApplication app;

  public BasketsGrpcServer(BasketsApplication app) {
    this.app = app;
  }

  @Override
  public Future<StartBasketResponse> startBasket(StartBasketRequest request) {
    Actor actor = RpcCaller.actor();
    return app.startBasket(new StartBasket(canonical(request.getUserId(), "user_id"), actor))
        .map(id -> StartBasketResponse.newBuilder().setId(id.toString()).build());
  }

  @Override
  public Future<AddItemResponse> addItem(AddItemRequest request) {
    Actor actor = RpcCaller.actor();
    return app.addItem(
            new AddItem(
                basketId(request.getId(), "id"),
                productId(request.getProductId(), "product_id"),
                request.getQuantity(),
                actor))
        .map(AddItemResponse.getDefaultInstance());
  }

  @Override
  public Future<RemoveItemResponse> removeItem(RemoveItemRequest request) {
    Actor actor = RpcCaller.actor();
    return app.removeItem(
            new RemoveItem(
                basketId(request.getId(), "id"),
                productId(request.getProductId(), "product_id"),
                request.getQuantity(),
                actor))
        .map(RemoveItemResponse.getDefaultInstance());
  }

  @Override
  public Future<CancelBasketResponse> cancelBasket(CancelBasketRequest request) {
    Actor actor = RpcCaller.actor();
    return app.cancelBasket(new CancelBasket(basketId(request.getId(), "id"), actor))
        .map(CancelBasketResponse.getDefaultInstance());
  }

  @Override
  public Future<CheckoutBasketResponse> checkoutBasket(CheckoutBasketRequest request) {
    Actor actor = RpcCaller.actor();
    return app.checkoutBasket(
            new CheckoutBasket(
                basketId(request.getId(), "id"),
                canonical(request.getPaymentId(), "payment_id"),
                actor))
        .map(CheckoutBasketResponse.getDefaultInstance());
  }

  @Override
  public Future<GetBasketResponse> getBasket(GetBasketRequest request) {
    Actor actor = RpcCaller.actor();
    return app.getBasket(new GetBasket(basketId(request.getId(), "id"), actor))
        .map(basket -> GetBasketResponse.newBuilder().setBasket(proto(basket)).build());
  }

  private static io.mallbots.baskets.v1.Basket proto(Basket basket) {
    return io.mallbots.baskets.v1.Basket.newBuilder()
        .setId(basket.id().toString())
        .setUserId(basket.userId())
        .setStatus(status(basket))
        .setPaymentId(basket.payment().orElse(""))
        .addAllItems(basket.items().stream().map(BasketsGrpcServer::proto).toList())
        .build();
  }

  private static io.mallbots.baskets.v1.Item proto(Item item) {
    return io.mallbots.baskets.v1.Item.newBuilder()
        .setStoreId(item.storeId().toString())
        .setProductId(item.productId().toString())
        .setStoreName(item.storeName())
        .setProductName(item.productName())
        .setProductPrice(item.price().toWire())
        .setQuantity(item.quantity())
        .build();
  }

  private static BasketStatus status(Basket basket) {
    return switch (basket.status()) {
      case OPEN -> BasketStatus.BASKET_STATUS_OPEN;
      case CANCELED -> BasketStatus.BASKET_STATUS_CANCELED;
      case CHECKED_OUT -> BasketStatus.BASKET_STATUS_CHECKED_OUT;
    };
  }
}

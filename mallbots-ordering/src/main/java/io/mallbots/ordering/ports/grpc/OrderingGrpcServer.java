package io.mallbots.ordering.ports.grpc;

import static io.mallbots.core.domain.Uuids.canonical;
import static io.mallbots.ordering.ports.OrderingWire.orderId;

import io.mallbots.core.domain.Actor;
import io.mallbots.core.rpc.RpcCaller;
import io.mallbots.ordering.application.OrderingApplication;
import io.mallbots.ordering.application.StoreKeepers;
import io.mallbots.ordering.application.commands.CancelOrder;
import io.mallbots.ordering.application.commands.CompleteOrder;
import io.mallbots.ordering.application.commands.CreateOrder;
import io.mallbots.ordering.application.commands.ReadyOrder;
import io.mallbots.ordering.application.queries.GetOrder;
import io.mallbots.ordering.application.queries.OrderView;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.ports.OrderingWire;
import io.mallbots.ordering.v1.CancelOrderRequest;
import io.mallbots.ordering.v1.CancelOrderResponse;
import io.mallbots.ordering.v1.CompleteOrderRequest;
import io.mallbots.ordering.v1.CompleteOrderResponse;
import io.mallbots.ordering.v1.CreateOrderRequest;
import io.mallbots.ordering.v1.CreateOrderResponse;
import io.mallbots.ordering.v1.GetOrderRequest;
import io.mallbots.ordering.v1.GetOrderResponse;
import io.mallbots.ordering.v1.OrderStatus;
import io.mallbots.ordering.v1.OrderingServiceService;
import io.mallbots.ordering.v1.ReadyOrderRequest;
import io.mallbots.ordering.v1.ReadyOrderResponse;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * OrderingService over gRPC (and, through the core's JSON bridge, over HTTP): proto requests become
 * commands and queries, results become proto responses. Domain errors are mapped by the core.
 */
public final class OrderingGrpcServer extends OrderingServiceService {

  private final OrderingApplication app;
  private final StoreKeepers keepers;

  public OrderingGrpcServer(OrderingApplication app, StoreKeepers keepers) {
    this.app = app;
    this.keepers = keepers;
  }

  @Override
  public Future<CreateOrderResponse> createOrder(CreateOrderRequest request) {
    return app.createOrder(
            new CreateOrder(
                canonical(request.getUserId(), "user_id"),
                canonical(request.getPaymentId(), "payment_id"),
                items(request.getItemsList()),
                null))
        .map(id -> CreateOrderResponse.newBuilder().setId(id.toString()).build());
  }

  @Override
  public Future<GetOrderResponse> getOrder(GetOrderRequest request) {
    Actor actor = RpcCaller.actor();
    return app.getOrder(new GetOrder(orderId(request.getId(), "id"), actor))
        .map(view -> GetOrderResponse.newBuilder().setOrder(proto(view)).build());
  }

  @Override
  public Future<CancelOrderResponse> cancelOrder(CancelOrderRequest request) {
    Actor actor = RpcCaller.actor();
    return app.cancelOrder(new CancelOrder(orderId(request.getId(), "id"), actor))
        .map(CancelOrderResponse.getDefaultInstance());
  }

  @Override
  public Future<ReadyOrderResponse> readyOrder(ReadyOrderRequest request) {
    Actor actor = RpcCaller.actor();
    OrderId id = orderId(request.getId(), "id");
    return keepers
        .of(actor)
        .map(keeper -> new ReadyOrder(id, keeper))
        .compose(app::readyOrder)
        .map(ReadyOrderResponse.getDefaultInstance());
  }

  @Override
  public Future<CompleteOrderResponse> completeOrder(CompleteOrderRequest request) {
    Actor actor = RpcCaller.actor();
    OrderId id = orderId(request.getId(), "id");
    String invoiceId = canonical(request.getInvoiceId(), "invoice_id");
    return keepers
        .of(actor)
        .map(keeper -> new CompleteOrder(id, invoiceId, keeper))
        .compose(app::completeOrder)
        .map(CompleteOrderResponse.getDefaultInstance());
  }

  private static List<Item> items(List<io.mallbots.ordering.v1.Item> wire) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < wire.size(); i++) {
      io.mallbots.ordering.v1.Item item = wire.get(i);
      items.add(
          OrderingWire.item(
              "items[" + i + "]",
              item.getProductId(),
              item.getStoreId(),
              item.getProductName(),
              item.getStoreName(),
              item.getPrice(),
              item.getQuantity()));
    }
    return items;
  }

  private static io.mallbots.ordering.v1.Order proto(OrderView order) {
    return io.mallbots.ordering.v1.Order.newBuilder()
        .setId(order.id().toString())
        .setUserId(order.userId())
        .setPaymentId(order.paymentId())
        .addAllItems(order.items().stream().map(OrderingGrpcServer::proto).toList())
        .setStatus(status(order))
        .setInvoiceId(Objects.requireNonNullElse(order.invoiceId(), ""))
        .setTotal(order.total().toWire())
        .setBasketId(Objects.requireNonNullElse(order.basketId(), ""))
        .build();
  }

  private static io.mallbots.ordering.v1.Item proto(Item item) {
    return io.mallbots.ordering.v1.Item.newBuilder()
        .setStoreId(item.storeId())
        .setProductId(item.productId())
        .setStoreName(item.storeName())
        .setProductName(item.productName())
        .setPrice(item.price().toWire())
        .setQuantity(item.quantity())
        .build();
  }

  private static OrderStatus status(OrderView order) {
    return switch (order.status()) {
      case PENDING -> OrderStatus.ORDER_STATUS_PENDING;
      case APPROVED -> OrderStatus.ORDER_STATUS_APPROVED;
      case REJECTED -> OrderStatus.ORDER_STATUS_REJECTED;
      case READY -> OrderStatus.ORDER_STATUS_READY;
      case COMPLETED -> OrderStatus.ORDER_STATUS_COMPLETED;
      case CANCELED -> OrderStatus.ORDER_STATUS_CANCELED;
    };
  }
}

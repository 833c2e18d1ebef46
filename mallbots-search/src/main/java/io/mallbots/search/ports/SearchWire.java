package io.mallbots.search.ports;

import com.google.protobuf.Timestamp;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.search.domain.OrderFilters;
import io.mallbots.search.domain.OrderItem;
import io.mallbots.search.domain.OrderStatus;
import io.mallbots.search.domain.OrderView;
import io.mallbots.search.v1.Order;
import io.mallbots.search.v1.SearchOrdersRequest;
import java.time.Instant;
import java.util.Optional;

/**
 * Search's wire translation, proto values <-> domain values, for its ports (the gRPC server):
 * request filters in (malformed -> {@code Invalid}, INVALID_ARGUMENT naming the field), orders out.
 */
public final class SearchWire {

  // The instants PostgreSQL and the cursor hold comfortably: years 1 to 9999, as the Timestamp spec
  // allows.
  private static final long MIN_SECONDS = -62_135_596_800L;
  private static final long MAX_SECONDS = 253_402_300_799L;

  private SearchWire() {}

  public static OrderFilters filters(SearchOrdersRequest.Filters wire) {
    return new OrderFilters(
        wire.getUserId().isEmpty() ? Optional.empty() : Optional.of(wire.getUserId()),
        wire.hasAfter() ? Optional.of(instant(wire.getAfter(), "filters.after")) : Optional.empty(),
        wire.hasBefore()
            ? Optional.of(instant(wire.getBefore(), "filters.before"))
            : Optional.empty(),
        OrderFilters.ids(wire.getStoreIdsList(), "filters.store_ids"),
        OrderFilters.ids(wire.getProductIdsList(), "filters.product_ids"),
        OrderFilters.bound(Money.fromWire(wire.getMinTotal(), "filters.min_total")),
        OrderFilters.bound(Money.fromWire(wire.getMaxTotal(), "filters.max_total")),
        status(wire.getStatus()));
  }

  public static Order order(OrderView order) {
    Order.Builder wire =
        Order.newBuilder()
            .setOrderId(order.orderId())
            .setUserId(order.userId())
            .setUserName(order.userName())
            .setTotal(order.total().toWire())
            .setStatus(status(order.status()))
            .setCreatedAt(
                Timestamp.newBuilder()
                    .setSeconds(order.createdAt().getEpochSecond())
                    .setNanos(order.createdAt().getNano()));
    for (OrderItem item : order.items()) {
      wire.addItems(
          Order.Item.newBuilder()
              .setProductId(item.productId())
              .setStoreId(item.storeId())
              .setProductName(item.productName())
              .setStoreName(item.storeName())
              .setPrice(item.price().toWire())
              .setQuantity(item.quantity()));
    }
    return wire.build();
  }

  private static Instant instant(Timestamp timestamp, String field) {
    if (timestamp.getSeconds() < MIN_SECONDS
        || timestamp.getSeconds() > MAX_SECONDS
        || timestamp.getNanos() < 0
        || timestamp.getNanos() > 999_999_999) {
      throw new Invalid(field + " must be a timestamp between the years 1 and 9999");
    }
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  private static Optional<OrderStatus> status(io.mallbots.search.v1.OrderStatus wire) {
    return switch (wire) {
      case ORDER_STATUS_UNSPECIFIED -> Optional.empty();
      case ORDER_STATUS_PENDING -> Optional.of(OrderStatus.PENDING);
      case ORDER_STATUS_APPROVED -> Optional.of(OrderStatus.APPROVED);
      case ORDER_STATUS_REJECTED -> Optional.of(OrderStatus.REJECTED);
      case ORDER_STATUS_READY -> Optional.of(OrderStatus.READY);
      case ORDER_STATUS_COMPLETED -> Optional.of(OrderStatus.COMPLETED);
      case ORDER_STATUS_CANCELED -> Optional.of(OrderStatus.CANCELED);
      case UNRECOGNIZED -> throw new Invalid("filters.status is not an order status");
    };
  }

  private static io.mallbots.search.v1.OrderStatus status(OrderStatus status) {
    return io.mallbots.search.v1.OrderStatus.valueOf("ORDER_STATUS_" + status.name());
  }
}

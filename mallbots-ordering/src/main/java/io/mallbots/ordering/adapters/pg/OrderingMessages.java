package io.mallbots.ordering.adapters.pg;

import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.ordering.application.DomainEvents;
import io.mallbots.ordering.domain.Item;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderApproved;
import io.mallbots.ordering.domain.OrderCanceled;
import io.mallbots.ordering.domain.OrderCompleted;
import io.mallbots.ordering.domain.OrderCreated;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderPaid;
import io.mallbots.ordering.domain.OrderReadied;
import io.mallbots.ordering.domain.OrderRejected;
import io.mallbots.ordering.v1.OrderingContract;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Order events as the messages of {@code mallbots/ordering/v1/events.proto} on {@link
 * OrderingContract#ORDER_EVENTS}, keyed by the order id so each order's events arrive in order,
 * added to the outbox of the transaction that raised them. Every field of the proto is filled:
 * consumers (notifications, payments, search) read the user, payment, items with names, total and
 * basket from the message alone.
 */
public final class OrderingMessages implements DomainEvents {

  /**
   * OrderPaid stays in the order's history: payments already told everyone with InvoicePaid. Each
   * message carries the order's version after its event: {@code order} is the state after all of
   * {@code events}, so the first of them made version {@code order.version() - events.size() + 1}.
   */
  @Override
  public Future<Void> publish(Tx tx, Order order, List<OrderEvent> events) {
    long first = (long) order.version() - events.size() + 1;
    List<Message> messages = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      if (!(events.get(i) instanceof OrderPaid)) {
        messages.add(message(order, events.get(i), first + i));
      }
    }
    return Outbox.append(tx, messages);
  }

  // Java 17 has no pattern matching for switch: an instanceof chain, closed by the sealed
  // interface.
  static Message message(Order order, OrderEvent event, long version) {
    String id = order.id().toString();
    if (event instanceof OrderCreated e) {
      return Message.of(
          OrderingContract.ORDER_CREATED,
          id,
          io.mallbots.ordering.v1.OrderCreated.newBuilder()
              .setId(id)
              .setUserId(e.userId())
              .setPaymentId(e.paymentId())
              .addAllItems(e.items().stream().map(OrderingMessages::item).toList())
              .setBasketId(Objects.requireNonNullElse(e.basketId(), ""))
              .setTotal(e.total().toWire())
              .setVersion(version)
              .build());
    } else if (event instanceof OrderRejected e) {
      return Message.of(
          OrderingContract.ORDER_REJECTED,
          id,
          io.mallbots.ordering.v1.OrderRejected.newBuilder()
              .setId(id)
              .setUserId(order.userId())
              .setPaymentId(order.paymentId())
              .setReason(e.reason())
              .setCode(e.code())
              .setVersion(version)
              .build());
    } else if (event instanceof OrderApproved) {
      return Message.of(
          OrderingContract.ORDER_APPROVED,
          id,
          io.mallbots.ordering.v1.OrderApproved.newBuilder()
              .setId(id)
              .setUserId(order.userId())
              .setPaymentId(order.paymentId())
              .setVersion(version)
              .build());
    } else if (event instanceof OrderReadied) {
      return Message.of(
          OrderingContract.ORDER_READIED,
          id,
          io.mallbots.ordering.v1.OrderReadied.newBuilder()
              .setId(id)
              .setUserId(order.userId())
              .setPaymentId(order.paymentId())
              .setTotal(order.total().toWire())
              .setVersion(version)
              .build());
    } else if (event instanceof OrderCompleted e) {
      return Message.of(
          OrderingContract.ORDER_COMPLETED,
          id,
          io.mallbots.ordering.v1.OrderCompleted.newBuilder()
              .setId(id)
              .setUserId(order.userId())
              .setInvoiceId(e.invoiceId())
              .setVersion(version)
              .build());
    } else if (event instanceof OrderCanceled) {
      return Message.of(
          OrderingContract.ORDER_CANCELED,
          id,
          io.mallbots.ordering.v1.OrderCanceled.newBuilder()
              .setId(id)
              .setUserId(order.userId())
              .setPaymentId(order.paymentId())
              .setVersion(version)
              .build());
    }
    throw new IllegalArgumentException("no message for " + event);
  }

  private static io.mallbots.ordering.v1.OrderCreated.Item item(Item item) {
    return io.mallbots.ordering.v1.OrderCreated.Item.newBuilder()
        .setProductId(item.productId())
        .setStoreId(item.storeId())
        .setPrice(item.price().toWire())
        .setQuantity(item.quantity())
        .setProductName(item.productName())
        .setStoreName(item.storeName())
        .build();
  }
}

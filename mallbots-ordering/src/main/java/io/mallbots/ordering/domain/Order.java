package io.mallbots.ordering.domain;

import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import java.util.List;
import java.util.Objects;

/**
 * An order, event-sourced: a command method checks the rules against the current state and answers with the
 * events that happen (none when the order is already where the command wants it); {@link #apply} turns an
 * event into the next state. The state is never changed any other way, so replaying the history (or a
 * snapshot and the events after it) gives the same order. Immutable.
 *
 * @param basketId  the basket it came from; {@code null} for an order made without one
 * @param invoiceId the paid invoice; {@code null} until completed
 * @param version   how many events made this state (the stream version)
 */
public record Order(OrderId id, String userId, String paymentId, List<Item> items, Money total, String basketId,
                    OrderStatus status, String invoiceId, int version) {

  public Order {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    items = List.copyOf(items);
  }

  /** Places an order for {@code items}; its total is the sum of price times quantity. */
  public static OrderCreated create(OrderId id, String userId, String paymentId, List<Item> items, String basketId) {
    String user = Required.text(userId, "user_id");
    String payment = Required.text(paymentId, "payment_id");
    if (items == null || items.isEmpty()) {
      throw new Invalid("an order needs at least one item");
    }
    Money total = items.stream().map(Item::subtotal).reduce(Money.ZERO, Money::plus);
    return new OrderCreated(id, user, payment, items, total, basketId == null || basketId.isBlank() ? null : basketId);
  }

  /** The order as its first event made it. */
  public static Order created(OrderCreated event) {
    return new Order(event.orderId(), event.userId(), event.paymentId(), event.items(), event.total(),
        event.basketId(), OrderStatus.PENDING, null, 1);
  }

  /** The order a whole history makes, from its OrderCreated on. */
  public static Order replay(List<OrderEvent> history) {
    if (history.isEmpty() || !(history.get(0) instanceof OrderCreated first)) {
      throw new IllegalArgumentException("an order's history starts with OrderCreated, got " + history);
    }
    return created(first).applyAll(history.subList(1, history.size()));
  }

  /** The saga's last step. Approving an approved order again changes nothing (a redelivered command). */
  public List<OrderEvent> approve() {
    if (status == OrderStatus.APPROVED) {
      return List.of();
    }
    requirePending("approved");
    return List.of(new OrderApproved(id));
  }

  /** The saga's compensation: a later step failed. Rejecting a rejected order again changes nothing. */
  public List<OrderEvent> reject(String reason, String code) {
    if (status == OrderStatus.REJECTED) {
      return List.of();
    }
    requirePending("rejected");
    return List.of(new OrderRejected(id, reason == null || reason.isBlank() ? "the order was rejected" : reason,
        Objects.requireNonNullElse(code, "")));
  }

  /** The shopper changes their mind; only while the order is pending. */
  public List<OrderEvent> cancel() {
    requirePending("canceled");
    return List.of(new OrderCanceled(id));
  }

  /** The stores have it ready for pick-up; payments will invoice it. */
  public List<OrderEvent> ready() {
    require(OrderStatus.APPROVED, "ORDER_NOT_APPROVED", "made ready");
    return List.of(new OrderReadied(id));
  }

  /** Its invoice was paid. */
  public List<OrderEvent> complete(String invoiceId) {
    String invoice = Required.text(invoiceId, "invoice_id");
    require(OrderStatus.READY, "ORDER_NOT_READY", "completed");
    return List.of(new OrderCompleted(id, invoice));
  }

  /** The state after {@code event}; an event that cannot follow this state is a programming error. */
  public Order apply(OrderEvent event) {
    if (!event.orderId().equals(id)) {
      throw new IllegalArgumentException(event + " is not about order " + id);
    }
    // Java 17 has no pattern matching for switch: an instanceof chain, closed by the sealed interface.
    if (event instanceof OrderApproved) {
      return next(OrderStatus.APPROVED, invoiceId);
    } else if (event instanceof OrderRejected) {
      return next(OrderStatus.REJECTED, invoiceId);
    } else if (event instanceof OrderCanceled) {
      return next(OrderStatus.CANCELED, invoiceId);
    } else if (event instanceof OrderReadied) {
      return next(OrderStatus.READY, invoiceId);
    } else if (event instanceof OrderCompleted completed) {
      return next(OrderStatus.COMPLETED, completed.invoiceId());
    }
    throw new IllegalArgumentException("order " + id + " exists already; cannot apply " + event);
  }

  /** The state after {@code events}, in order. */
  public Order applyAll(List<OrderEvent> events) {
    Order order = this;
    for (OrderEvent event : events) {
      order = order.apply(event);
    }
    return order;
  }

  private Order next(OrderStatus newStatus, String invoice) {
    return new Order(id, userId, paymentId, items, total, basketId, newStatus, invoice, version + 1);
  }

  private void requirePending(String what) {
    require(OrderStatus.PENDING, "ORDER_NOT_PENDING", what);
  }

  private void require(OrderStatus expected, String code, String what) {
    if (status != expected) {
      String article = "aeiou".indexOf(expected.label().charAt(0)) >= 0 ? "an " : "a ";
      throw new Conflict(code, "order " + id + " is " + status.label() + "; only " + article + expected.label()
          + " order can be " + what);
    }
  }
}

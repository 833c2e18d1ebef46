package io.mallbots.ordering.domain;

import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Required;
import java.util.List;
import java.util.Objects;

/**
 * An order, event-sourced: a command method checks the rules against the current state and answers
 * with the events that happen (none when the order is already where the command wants it); {@link
 * #apply} turns an event into the next state. The state is never changed any other way, so
 * replaying the history (or a snapshot and the events after it) gives the same order. Immutable.
 *
 * @param basketId the basket it came from; {@code null} for an order made without one
 * @param invoiceId the paid invoice, as payments reported it (InvoicePaid) and the order took it;
 *     {@code null} before
 * @param version how many events made this state (the stream version)
 */
public record Order(
    OrderId id,
    String userId,
    String paymentId,
    List<Item> items,
    Money total,
    String basketId,
    OrderStatus status,
    String invoiceId,
    int version) {

  public Order {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    items = List.copyOf(items);
  }

  /** Places an order for {@code items}; its total is the sum of price times quantity. */
  public static OrderCreated create(
      OrderId id, String userId, String paymentId, List<Item> items, String basketId) {
    String user = Required.text(userId, "user_id");
    String payment = Required.text(paymentId, "payment_id");
    if (items == null || items.isEmpty()) {
      throw new Invalid("an order needs at least one item");
    }
    return new OrderCreated(
        id,
        user,
        payment,
        items,
        total(items),
        basketId == null || basketId.isBlank() ? null : basketId);
  }

  /**
   * Price times quantity, summed; a total that could not be stored is refused naming the item that
   * overflows it.
   */
  private static Money total(List<Item> items) {
    Money total = Money.ZERO;
    for (int i = 0; i < items.size(); i++) {
      try {
        total = total.plus(items.get(i).subtotal());
      } catch (Invalid tooLarge) {
        throw new Invalid(
            tooLarge.code(),
            "items["
                + i
                + "]: the order total would exceed "
                + Money.MAX
                + " ("
                + tooLarge.getMessage()
                + ")");
      }
    }
    return total;
  }

  /** The order as its first event made it. */
  public static Order created(OrderCreated event) {
    return new Order(
        event.orderId(),
        event.userId(),
        event.paymentId(),
        event.items(),
        event.total(),
        event.basketId(),
        OrderStatus.PENDING,
        null,
        1);
  }

  /** The order a whole history makes, from its OrderCreated on. */
  public static Order replay(List<OrderEvent> history) {
    if (history.isEmpty() || !(history.get(0) instanceof OrderCreated first)) {
      throw new IllegalArgumentException(
          "an order's history starts with OrderCreated, got " + history);
    }
    return created(first).applyAll(history.subList(1, history.size()));
  }

  /**
   * The saga's last step. Approving an approved order again changes nothing (a redelivered
   * command).
   */
  public List<OrderEvent> approve() {
    if (status == OrderStatus.APPROVED) {
      return List.of();
    }
    requirePending("approved");
    return List.of(new OrderApproved(id));
  }

  /**
   * The saga's compensation: a later step failed. Rejecting a rejected order again changes nothing.
   */
  public List<OrderEvent> reject(String reason, String code) {
    if (status == OrderStatus.REJECTED) {
      return List.of();
    }
    requirePending("rejected");
    return List.of(
        new OrderRejected(
            id,
            reason == null || reason.isBlank() ? "the order was rejected" : reason,
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

  /**
   * Payments reports {@code paid} (InvoicePaid). It pays this order only if it is for this order,
   * for its whole total, charged to its payment; otherwise it is refused with {@link
   * PaidInvoice#NOT_FOR_ORDER}, {@link PaidInvoice#AMOUNT_MISMATCH} or {@link
   * PaidInvoice#PAYMENT_MISMATCH} and the order stays as it is. A ready order completes; a pending
   * or approved one remembers the invoice ({@link OrderPaid}), to be completed against it by {@link
   * #complete(String)} once ready. The same invoice again changes nothing; any other paid invoice
   * of a paid order, or of a rejected or canceled one, is refused.
   */
  public List<OrderEvent> complete(PaidInvoice paid) {
    if (!paid.orderId().equals(id)) {
      throw new Conflict(
          PaidInvoice.NOT_FOR_ORDER,
          "invoice "
              + paid.invoiceId()
              + " is for order "
              + paid.orderId()
              + ", not for order "
              + id);
    }
    if (!paid.amount().equals(total)) {
      throw new Conflict(
          PaidInvoice.AMOUNT_MISMATCH,
          "invoice "
              + paid.invoiceId()
              + " pays "
              + paid.amount()
              + ", but order "
              + id
              + " totals "
              + total);
    }
    if (!paid.paymentId().equals(paymentId)) {
      throw new Conflict(
          PaidInvoice.PAYMENT_MISMATCH,
          "invoice "
              + paid.invoiceId()
              + " was charged to payment '"
              + paid.paymentId()
              + "', but order "
              + id
              + " is paid with payment "
              + paymentId);
    }
    if (invoiceId != null && !invoiceId.equals(paid.invoiceId())) {
      throw new Conflict(
          "ORDER_ALREADY_PAID",
          "order " + id + " is paid by invoice " + invoiceId + ", not by " + paid.invoiceId());
    }
    return switch (status) {
      case READY -> List.of(new OrderCompleted(id, paid.invoiceId()));
      case PENDING, APPROVED ->
          invoiceId == null ? List.of(new OrderPaid(id, paid.invoiceId())) : List.of();
      case COMPLETED -> List.of();
      case REJECTED, CANCELED ->
          throw new Conflict(
              "ORDER_NOT_READY",
              "order "
                  + id
                  + " is "
                  + status.label()
                  + "; its paid invoice "
                  + paid.invoiceId()
                  + " completes nothing");
    };
  }

  /**
   * The CompleteOrder RPC: completes a ready order against the paid invoice it learned from
   * payments (see {@link #complete(PaidInvoice)}), and only that one; for an order that invoice
   * already completed, it changes nothing. Any other invoice id is refused: the caller cannot vouch
   * for a payment.
   */
  public List<OrderEvent> complete(String invoiceId) {
    String invoice = Required.text(invoiceId, "invoice_id");
    if (status == OrderStatus.COMPLETED && invoice.equals(this.invoiceId)) {
      return List.of();
    }
    require(OrderStatus.READY, "ORDER_NOT_READY", "completed");
    if (!invoice.equals(this.invoiceId)) {
      throw new Conflict(
          "INVOICE_NOT_PAID",
          "order "
              + id
              + " has no paid invoice "
              + invoice
              + "; it completes when payments reports its invoice paid");
    }
    return List.of(new OrderCompleted(id, invoice));
  }

  /**
   * The state after {@code event}; an event that cannot follow this state is a programming error.
   */
  public Order apply(OrderEvent event) {
    if (!event.orderId().equals(id)) {
      throw new IllegalArgumentException(event + " is not about order " + id);
    }
    // Java 17 has no pattern matching for switch: an instanceof chain, closed by the sealed
    // interface.
    if (event instanceof OrderApproved) {
      return next(OrderStatus.APPROVED, invoiceId);
    } else if (event instanceof OrderRejected) {
      return next(OrderStatus.REJECTED, invoiceId);
    } else if (event instanceof OrderCanceled) {
      return next(OrderStatus.CANCELED, invoiceId);
    } else if (event instanceof OrderReadied) {
      return next(OrderStatus.READY, invoiceId);
    } else if (event instanceof OrderPaid paid) {
      return next(status, paid.invoiceId());
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
    return new Order(
        id, userId, paymentId, items, total, basketId, newStatus, invoice, version + 1);
  }

  private void requirePending(String what) {
    require(OrderStatus.PENDING, "ORDER_NOT_PENDING", what);
  }

  private void require(OrderStatus expected, String code, String what) {
    if (status != expected) {
      String article = "aeiou".indexOf(expected.label().charAt(0)) >= 0 ? "an " : "a ";
      throw new Conflict(
          code,
          "order "
              + id
              + " is "
              + status.label()
              + "; only "
              + article
              + expected.label()
              + " order can be "
              + what);
    }
  }
}

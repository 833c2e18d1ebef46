package io.mallbots.payments.domain.payment;

import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import java.util.Objects;

/**
 * A user's promise to pay up to an authorized amount, charged once for one order (ConfirmPayment).
 * Immutable: every change gives back the payment after it and the {@link PaymentEvent}s it raised,
 * which the repository saves together.
 */
public final class Payment {

  private final PaymentId id;
  private final String userId;
  private final Money amount;
  private final PaymentStatus status;
  private final String orderId;
  private final Money confirmedAmount;

  private Payment(
      PaymentId id,
      String userId,
      Money amount,
      PaymentStatus status,
      String orderId,
      Money confirmedAmount) {
    this.id = id;
    this.userId = userId;
    this.amount = amount;
    this.status = status;
    this.orderId = orderId;
    this.confirmedAmount = confirmedAmount;
  }

  /** A new authorized payment; the amount must be positive and a user must be named. */
  public static Changed<Payment, PaymentEvent> authorize(
      PaymentId id, String userId, Money amount) {
    if (userId == null || userId.isBlank()) {
      throw new Invalid("user_id is required");
    }
    requirePositive(amount);
    return Changed.of(
        new Payment(id, userId, amount, PaymentStatus.AUTHORIZED, "", Money.ZERO),
        new PaymentAuthorized(id, userId, amount));
  }

  /** A payment as stored; raises nothing. */
  public static Payment restore(
      PaymentId id,
      String userId,
      Money amount,
      PaymentStatus status,
      String orderId,
      Money confirmedAmount) {
    return new Payment(
        id, userId, amount, status, Objects.requireNonNullElse(orderId, ""), confirmedAmount);
  }

  /**
   * Charges {@code charge} for {@code order} (the create-order saga's ConfirmPayment): the payment
   * must be the order's user's, the order not canceled, and the charge exactly the authorized
   * amount (the order total the shopper agreed to). Confirming again for the same order and amount
   * changes nothing, so a redelivered saga command is harmless; any other second confirmation is
   * refused.
   */
  public Changed<Payment, PaymentEvent> confirm(Money charge, PayingOrder order) {
    requireNotReleased();
    requirePositive(charge);
    if (!order.userId().equals(userId)) {
      throw new Conflict(
          "PAYMENT_USER_MISMATCH",
          "payment "
              + id
              + " is not authorized by user "
              + order.userId()
              + ", the user of order "
              + order.orderId());
    }
    if (order.canceled()) {
      throw new Conflict(
          "ORDER_CANCELED",
          "order " + order.orderId() + " is canceled; payment " + id + " is not charged for it");
    }
    return charge(charge, order.orderId());
  }

  /**
   * Charges {@code charge}, exactly the authorized amount, for no named order (the ConfirmPayment
   * RPC, which only services may call and which names neither order nor user). A second
   * confirmation is refused.
   */
  public Changed<Payment, PaymentEvent> confirm(Money charge) {
    requirePositive(charge);
    return charge(charge, "");
  }

  private Changed<Payment, PaymentEvent> charge(Money charge, String order) {
    if (status == PaymentStatus.CONFIRMED) {
      if (!order.isEmpty() && order.equals(orderId) && charge.equals(confirmedAmount)) {
        return Changed.silently(this);
      }
      throw new Conflict(
          "PAYMENT_ALREADY_CONFIRMED",
          "payment "
              + id
              + " is already confirmed"
              + (orderId.isEmpty() ? "" : " for order " + orderId));
    }
    if (!charge.equals(amount)) {
      throw new Conflict(
          "PAYMENT_AMOUNT_MISMATCH",
          "payment " + id + " is authorized for " + amount + ", not " + charge);
    }
    return Changed.of(
        new Payment(id, userId, amount, PaymentStatus.CONFIRMED, order, charge),
        new PaymentConfirmed(id, charge, order));
  }

  /**
   * Gives back what was confirmed for {@code forOrder}, because that order was rejected or
   * canceled: a payment confirmed for it becomes RELEASED. Nothing to give back (still authorized:
   * the confirmation never happened) or given back already for that order changes nothing, so a
   * compensation may run whether or not its step took effect, and more than once. Money confirmed
   * for another order is not this order's to give back.
   */
  public Changed<Payment, PaymentEvent> release(String forOrder) {
    if (forOrder == null || forOrder.isBlank()) {
      throw new Invalid("order_id is required");
    }
    if (status == PaymentStatus.AUTHORIZED
        || (status == PaymentStatus.RELEASED && forOrder.equals(orderId))) {
      return Changed.silently(this);
    }
    if (!forOrder.equals(orderId)) {
      throw new Conflict(
          "PAYMENT_CONFIRMED_FOR_ANOTHER_ORDER",
          "payment "
              + id
              + " is "
              + status.name().toLowerCase(java.util.Locale.ROOT)
              + " for "
              + (orderId.isEmpty() ? "no order" : "order " + orderId)
              + ", not for order "
              + forOrder);
    }
    return Changed.of(
        new Payment(id, userId, amount, PaymentStatus.RELEASED, orderId, confirmedAmount),
        new PaymentReleased(id, confirmedAmount, orderId));
  }

  /** A released payment is final: a late or replayed confirmation must not charge it again. */
  private void requireNotReleased() {
    if (status == PaymentStatus.RELEASED) {
      throw new Conflict(
          "PAYMENT_RELEASED",
          "payment "
              + id
              + " was released"
              + (orderId.isEmpty() ? "" : " after order " + orderId + " failed"));
    }
  }

  private static void requirePositive(Money amount) {
    if (!amount.isPositive()) {
      throw new Invalid("amount must be greater than 0, got " + amount);
    }
  }

  public PaymentId id() {
    return id;
  }

  public String userId() {
    return userId;
  }

  public Money amount() {
    return amount;
  }

  public PaymentStatus status() {
    return status;
  }

  /** The order it was confirmed for; empty while authorized or when confirmed without one. */
  public String orderId() {
    return orderId;
  }

  /** What was charged; zero while authorized. */
  public Money confirmedAmount() {
    return confirmedAmount;
  }
}

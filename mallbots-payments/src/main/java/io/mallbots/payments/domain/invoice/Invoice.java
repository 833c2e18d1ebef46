package io.mallbots.payments.domain.invoice;

import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.payment.PaymentId;

/**
 * What an order costs, to be paid once: PENDING, then PAID or CANCELED, both final. An order has at
 * most one invoice. Immutable: every change gives back the invoice after it and the {@link
 * InvoiceEvent}s it raised, which the repository saves together.
 */
public final class Invoice {

  private final InvoiceId id;
  private final String orderId;
  private final PaymentId paymentId;
  private final Money amount;
  private final InvoiceStatus status;

  private Invoice(
      InvoiceId id, String orderId, PaymentId paymentId, Money amount, InvoiceStatus status) {
    this.id = id;
    this.orderId = orderId;
    this.paymentId = paymentId;
    this.amount = amount;
    this.status = status;
  }

  /**
   * A new pending invoice for {@code orderId}, charged to {@code paymentId}; the amount may not be
   * negative.
   */
  public static Changed<Invoice, InvoiceEvent> create(
      InvoiceId id, String orderId, PaymentId paymentId, Money amount) {
    if (orderId == null || orderId.isBlank()) {
      throw new Invalid("order_id is required");
    }
    requireNotNegative(amount);
    return Changed.of(
        new Invoice(id, orderId, paymentId, amount, InvoiceStatus.PENDING),
        new InvoiceCreated(id, orderId, paymentId, amount));
  }

  /** An invoice as stored; raises nothing. */
  public static Invoice restore(
      InvoiceId id, String orderId, PaymentId paymentId, Money amount, InvoiceStatus status) {
    return new Invoice(id, orderId, paymentId, amount, status);
  }

  /** Sets the amount of a pending invoice; the same amount again changes nothing. */
  public Changed<Invoice, InvoiceEvent> adjust(Money newAmount) {
    requireNotNegative(newAmount);
    requirePending("adjusted");
    if (newAmount.equals(amount)) {
      return Changed.silently(this);
    }
    return Changed.of(
        new Invoice(id, orderId, paymentId, newAmount, status),
        new InvoiceAdjusted(id, orderId, newAmount));
  }

  /**
   * Pays a pending invoice; InvoicePaid names its payment and amount, for ordering to check against
   * the order.
   */
  public Changed<Invoice, InvoiceEvent> pay() {
    requirePending("paid");
    return Changed.of(
        new Invoice(id, orderId, paymentId, amount, InvoiceStatus.PAID),
        new InvoicePaid(id, orderId, paymentId, amount));
  }

  /**
   * Cancels a pending invoice; canceling a canceled one changes nothing, a paid one cannot be
   * canceled.
   */
  public Changed<Invoice, InvoiceEvent> cancel() {
    if (status == InvoiceStatus.CANCELED) {
      return Changed.silently(this);
    }
    requirePending("canceled");
    return Changed.of(
        new Invoice(id, orderId, paymentId, amount, InvoiceStatus.CANCELED),
        new InvoiceCanceled(id, orderId));
  }

  private void requirePending(String what) {
    switch (status) {
      case PENDING -> {}
      case PAID ->
          throw new Conflict(
              "INVOICE_ALREADY_PAID", "invoice " + id + " is paid and cannot be " + what);
      case CANCELED ->
          throw new Conflict(
              "INVOICE_CANCELED", "invoice " + id + " is canceled and cannot be " + what);
    }
  }

  private static void requireNotNegative(Money amount) {
    if (amount.isNegative()) {
      throw new Invalid("amount must not be negative, got " + amount);
    }
  }

  public InvoiceId id() {
    return id;
  }

  public String orderId() {
    return orderId;
  }

  public PaymentId paymentId() {
    return paymentId;
  }

  public Money amount() {
    return amount;
  }

  public InvoiceStatus status() {
    return status;
  }
}

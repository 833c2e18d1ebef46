package io.mallbots.payments.domain.invoice;

import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.payment.PaymentId;
import java.util.ArrayList;
import java.util.List;

/**
 * What an order costs, to be paid once: PENDING, then PAID or CANCELED, both final. An order has at most
 * one invoice. Changes are recorded as {@link InvoiceEvent}s, taken by the repository when it saves.
 */
public final class Invoice {

  private final InvoiceId id;
  private final String orderId;
  private final PaymentId paymentId;
  private Money amount;
  private InvoiceStatus status;
  private final List<InvoiceEvent> events = new ArrayList<>();

  private Invoice(InvoiceId id, String orderId, PaymentId paymentId, Money amount, InvoiceStatus status) {
    this.id = id;
    this.orderId = orderId;
    this.paymentId = paymentId;
    this.amount = amount;
    this.status = status;
  }

  /** A new pending invoice for {@code orderId}, charged to {@code paymentId}; the amount may not be negative. */
  public static Invoice create(InvoiceId id, String orderId, PaymentId paymentId, Money amount) {
    if (orderId == null || orderId.isBlank()) {
      throw new Invalid("order_id is required");
    }
    requireNotNegative(amount);
    var invoice = new Invoice(id, orderId, paymentId, amount, InvoiceStatus.PENDING);
    invoice.events.add(new InvoiceCreated(id, orderId, paymentId, amount));
    return invoice;
  }

  /** An invoice as stored; raises nothing. */
  public static Invoice restore(InvoiceId id, String orderId, PaymentId paymentId, Money amount,
                                InvoiceStatus status) {
    return new Invoice(id, orderId, paymentId, amount, status);
  }

  /** Sets the amount of a pending invoice; the same amount again changes nothing. */
  public void adjust(Money newAmount) {
    requireNotNegative(newAmount);
    requirePending("adjusted");
    if (newAmount.equals(amount)) {
      return;
    }
    amount = newAmount;
    events.add(new InvoiceAdjusted(id, orderId, newAmount));
  }

  /** Pays a pending invoice; InvoicePaid names its payment and amount, for ordering to check against the order. */
  public void pay() {
    requirePending("paid");
    status = InvoiceStatus.PAID;
    events.add(new InvoicePaid(id, orderId, paymentId, amount));
  }

  /** Cancels a pending invoice; canceling a canceled one changes nothing, a paid one cannot be canceled. */
  public void cancel() {
    if (status == InvoiceStatus.CANCELED) {
      return;
    }
    requirePending("canceled");
    status = InvoiceStatus.CANCELED;
    events.add(new InvoiceCanceled(id, orderId));
  }

  /** The events raised since it was created or restored, once: the repository publishes them. */
  public List<InvoiceEvent> takeEvents() {
    List<InvoiceEvent> taken = List.copyOf(events);
    events.clear();
    return taken;
  }

  private void requirePending(String what) {
    switch (status) {
      case PENDING -> { }
      case PAID -> throw new Conflict("INVOICE_ALREADY_PAID", "invoice " + id + " is paid and cannot be " + what);
      case CANCELED -> throw new Conflict("INVOICE_CANCELED", "invoice " + id + " is canceled and cannot be " + what);
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

package io.mallbots.ordering.domain;

import io.mallbots.core.domain.Conflict;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.Required;
import java.util.Objects;
import java.util.Set;

/**
 * An invoice payments reports paid (InvoicePaid): which invoice, the order it names, the payment it
 * was charged to and the amount paid. {@link Order#complete(PaidInvoice)} decides whether it pays
 * the order.
 *
 * @param paymentId as payments gives it; empty if it named none
 */
public record PaidInvoice(String invoiceId, OrderId orderId, String paymentId, Money amount) {

  /** The invoice is not for the order it is applied to. */
  public static final String NOT_FOR_ORDER = "INVOICE_NOT_FOR_ORDER";

  /** The amount paid is not the order's total. */
  public static final String AMOUNT_MISMATCH = "INVOICE_AMOUNT_MISMATCH";

  /** The invoice was charged to another payment than the order's. */
  public static final String PAYMENT_MISMATCH = "INVOICE_PAYMENT_MISMATCH";

  private static final Set<String> MISMATCHES =
      Set.of(NOT_FOR_ORDER, AMOUNT_MISMATCH, PAYMENT_MISMATCH);

  public PaidInvoice {
    invoiceId = Required.text(invoiceId, "invoice_id");
    Objects.requireNonNull(orderId, "orderId");
    paymentId = Objects.requireNonNullElse(paymentId, "");
    Objects.requireNonNull(amount, "amount");
  }

  /**
   * Whether {@code rejection} says that a paid invoice does not match its order: money to look
   * into, not retry.
   */
  public static boolean isMismatch(Conflict rejection) {
    return MISMATCHES.contains(rejection.code());
  }
}

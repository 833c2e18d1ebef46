package io.mallbots.payments.application.commands;

import io.mallbots.core.domain.Money;
import io.mallbots.payments.domain.payment.PaymentId;

/**
 * Charge {@code amount} to a payment, either for {@code orderId} of {@code userId} (the
 * create-order saga) or, with both {@code null}, for no named order (the ConfirmPayment RPC, for
 * services).
 */
public record ConfirmPayment(PaymentId paymentId, Money amount, String orderId, String userId) {

  /** The saga's step: the payment must be the user's and the order not canceled. */
  public static ConfirmPayment forOrder(
      PaymentId paymentId, Money amount, String orderId, String userId) {
    return new ConfirmPayment(
        paymentId, amount, orderId == null ? "" : orderId, userId == null ? "" : userId);
  }

  /** A service's confirmation, naming neither order nor user. */
  public static ConfirmPayment byService(PaymentId paymentId, Money amount) {
    return new ConfirmPayment(paymentId, amount, null, null);
  }

  /** Whether it is for an order (and so names the order's user). */
  public boolean forAnOrder() {
    return orderId != null;
  }
}

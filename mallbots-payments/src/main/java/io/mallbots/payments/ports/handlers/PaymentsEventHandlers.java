package io.mallbots.payments.ports.handlers;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.inbox.DispatchingHandler;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Payloads;
import io.mallbots.ordering.v1.OrderCanceled;
import io.mallbots.ordering.v1.OrderReadied;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.ordering.v1.OrderingContract.Names;
import io.mallbots.payments.application.PaymentsApplication;
import io.mallbots.payments.application.commands.CancelOrderCharges;
import io.mallbots.payments.application.commands.InvoiceReadiedOrder;
import io.mallbots.payments.application.commands.ReleaseCanceledOrderPayment;
import io.mallbots.payments.domain.payment.PaymentId;
import io.vertx.core.Future;
import java.util.Set;

/**
 * Ordering's order events, as payments needs them: OrderReadied invoices the order; OrderCanceled
 * is remembered (no payment is confirmed for the order any more), cancels its invoice and gives
 * back its payment if it was confirmed; the other order events are passed over, an unknown one
 * fails (and ends in the dead letters). Registered with {@code agent.subscribe} (exactly-once
 * effects); called on the service verticle's event loop, inside the message's transaction.
 */
public final class PaymentsEventHandlers extends DispatchingHandler {

  public static final String ORDER_GROUP = "payments-orders";

  /** Order events payments has no use for: acknowledged without a transaction. */
  private static final Set<String> PASSED_OVER =
      Set.of(
          Names.ORDER_CREATED, Names.ORDER_APPROVED, Names.ORDER_REJECTED, Names.ORDER_COMPLETED);

  private final PaymentsApplication app;

  public PaymentsEventHandlers(PaymentsApplication app) {
    super(PASSED_OVER);
    this.app = app;
  }

  @Override
  protected Future<Void> dispatch(Tx tx, Message event) {
    return switch (event.name()) {
      case Names.ORDER_READIED ->
          orderReadied(tx, Payloads.parse(OrderingContract.ORDER_READIED, event));
      case Names.ORDER_CANCELED ->
          orderCanceled(tx, Payloads.parse(OrderingContract.ORDER_CANCELED, event));
      default -> throw TxMessageHandler.unknown(event);
    };
  }

  /**
   * The payment serializes the cancellation with its confirmation; without a usable one the order
   * is still recorded. A payment confirmed for the order is given back in the same transaction.
   */
  private Future<Void> orderCanceled(Tx tx, OrderCanceled canceled) {
    PaymentId payment;
    try {
      payment =
          canceled.getPaymentId().isBlank()
              ? null
              : PaymentId.parse(canceled.getPaymentId(), "payment_id");
    } catch (Invalid notAnId) {
      payment =
          null; // checkout takes any payment id; one that is no id of ours has nothing to give back
    }
    Future<Void> charges =
        app.cancelOrderCharges(tx, new CancelOrderCharges(canceled.getId(), payment));
    if (payment == null) {
      return charges;
    }
    PaymentId paymentId = payment;
    return charges.compose(
        v ->
            app.releaseCanceledOrderPayment(
                tx, new ReleaseCanceledOrderPayment(paymentId, canceled.getId())));
  }

  private Future<Void> orderReadied(Tx tx, OrderReadied readied) {
    return app.invoiceReadiedOrder(
        tx,
        new InvoiceReadiedOrder(
            readied.getId(),
            PaymentId.parse(readied.getPaymentId(), "payment_id"),
            Money.fromWire(readied.getTotal(), "total")));
  }
}

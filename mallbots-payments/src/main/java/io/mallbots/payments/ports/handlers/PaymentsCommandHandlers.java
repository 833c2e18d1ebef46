package io.mallbots.payments.ports.handlers;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.mallbots.core.inbox.DispatchingHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Payloads;
import io.mallbots.payments.application.PaymentsApplication;
import io.mallbots.payments.application.commands.ConfirmPayment;
import io.mallbots.payments.application.commands.ReleasePayment;
import io.mallbots.payments.domain.payment.PaymentId;
import io.mallbots.payments.v1.PaymentsContract;
import io.vertx.core.Future;

/**
 * The saga commands payments answers (commands.proto), on {@link PaymentsContract#COMMANDS}.
 * Registered with {@code agent.handleCommands}: the effect runs once, a rejection becomes a failure
 * reply with its code. Called on the service verticle's event loop, inside the command's
 * transaction.
 */
public final class PaymentsCommandHandlers extends DispatchingHandler {

  public static final String GROUP = "payments-commands";

  private final PaymentsApplication app;

  public PaymentsCommandHandlers(PaymentsApplication app) {
    this.app = app;
  }

  @Override
  protected Future<Void> dispatch(Tx tx, Message command) {
    return switch (command.name()) {
      case PaymentsContract.Names.CONFIRM_PAYMENT ->
          confirmPayment(tx, Payloads.parse(PaymentsContract.CONFIRM_PAYMENT, command));
      case PaymentsContract.Names.RELEASE_PAYMENT ->
          releasePayment(tx, Payloads.parse(PaymentsContract.RELEASE_PAYMENT, command));
      default -> throw new Invalid("UNKNOWN_COMMAND", "payments does not handle " + command.name());
    };
  }

  /**
   * The saga always names the order and its user: a command without either is refused, never
   * confirmed unchecked.
   */
  private Future<Void> confirmPayment(Tx tx, io.mallbots.payments.v1.ConfirmPayment body) {
    if (body.getOrderId().isBlank()) {
      throw new Invalid("order_id is required");
    }
    if (body.getUserId().isBlank()) {
      throw new Invalid("user_id is required");
    }
    return app.confirmPayment(
        tx,
        ConfirmPayment.forOrder(
            paymentId(body.getId()),
            Money.fromWire(body.getAmount(), "amount"),
            body.getOrderId(),
            body.getUserId()));
  }

  private Future<Void> releasePayment(Tx tx, io.mallbots.payments.v1.ReleasePayment body) {
    if (body.getOrderId().isBlank()) {
      throw new Invalid("order_id is required");
    }
    return app.releasePayment(tx, new ReleasePayment(paymentId(body.getId()), body.getOrderId()));
  }

  /** The saga only needs to know that no such payment exists, whatever the id looks like. */
  private static PaymentId paymentId(String wire) {
    try {
      return PaymentId.parse(wire, "id");
    } catch (Invalid notAnId) {
      throw new NotFound("PAYMENT_NOT_FOUND", "no payment '" + wire + "'");
    }
  }
}

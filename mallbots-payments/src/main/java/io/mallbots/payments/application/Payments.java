package io.mallbots.payments.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.NotFound;
import io.mallbots.payments.domain.payment.Payment;
import io.mallbots.payments.domain.payment.PaymentEvent;
import io.mallbots.payments.domain.payment.PaymentId;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The payments the service keeps: the repository port. Adding or saving a change also publishes the
 * events it raised, in the same {@link Tx}. {@link #lock} of a missing payment fails with {@link
 * #notFound}.
 */
public interface Payments {

  Future<Void> add(Tx tx, Changed<Payment, PaymentEvent> authorized);

  Future<Void> save(Tx tx, Changed<Payment, PaymentEvent> change);

  /**
   * The payment, locked until {@code tx} ends, so concurrent confirmations take turns; NotFound if
   * there is none.
   */
  Future<Payment> lock(Tx tx, PaymentId id);

  /** Like {@link #lock}, for a caller to whom a missing payment is no error: empty then. */
  Future<Optional<Payment>> findLocked(Tx tx, PaymentId id);

  /** The payment as last committed, outside any transaction. */
  Future<Optional<Payment>> find(PaymentId id);

  /** How a missing payment is refused, by the repository and the use cases alike. */
  static NotFound notFound(PaymentId id) {
    return new NotFound("PAYMENT_NOT_FOUND", "no payment " + id);
  }
}

package io.mallbots.payments.application;

import io.mallbots.core.db.Tx;
import io.mallbots.payments.domain.payment.Payment;
import io.mallbots.payments.domain.payment.PaymentId;
import io.vertx.core.Future;
import java.util.Optional;

/** The payments the service keeps. Saving a payment also publishes the events it raised, in the same {@link Tx}. */
public interface Payments {

  Future<Void> add(Tx tx, Payment payment);

  Future<Void> update(Tx tx, Payment payment);

  /** The payment, locked until {@code tx} ends, so concurrent confirmations take turns. */
  Future<Optional<Payment>> lock(Tx tx, PaymentId id);

  /** The payment as last committed, outside any transaction. */
  Future<Optional<Payment>> find(PaymentId id);
}

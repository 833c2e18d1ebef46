package io.mallbots.ordering.adapters.pg;

import io.mallbots.core.db.Tx;
import io.mallbots.core.deadletters.DeadLetters;
import io.mallbots.core.domain.Conflict;
import io.mallbots.core.messaging.Message;
import io.mallbots.ordering.application.PaymentMismatches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PaymentMismatches} as dead letters written in the handling transaction itself (core {@link
 * DeadLetters}): the message that reported the mismatch is kept with the reason where operators
 * list dead letters and goes to {@code <topic>.dlq} through the outbox, and {@code
 * mallbots.payment.mismatches{reason}} counts it. Unlike a failed handler's message, it is not
 * tried again first: the inbox records it in the same commit. Replaying it changes nothing (the
 * inbox has it).
 */
public final class PgPaymentMismatches implements PaymentMismatches {

  static final String METER = "mallbots.payment.mismatches";
  private static final Logger log = LoggerFactory.getLogger(PgPaymentMismatches.class);

  private final String subscriber;

  /**
   * {@code subscriber}: the group whose messages report paid invoices, as the dead letters name it.
   */
  public PgPaymentMismatches(String subscriber) {
    this.subscriber = subscriber;
  }

  @Override
  public Future<Void> record(Tx tx, Conflict mismatch) {
    String reason = mismatch.code() + ": " + mismatch.getMessage();
    Message message = tx.cause();
    log.warn("payment mismatch, the order stays as it is: {}", reason);
    if (message == null) { // not handling a message: nothing to keep but the count
      count(mismatch);
      return Future.succeededFuture();
    }
    return DeadLetters.record(tx, message.asDeadLetter(subscriber, reason, 1))
        .onSuccess(v -> count(mismatch));
  }

  private static void count(Conflict mismatch) {
    Counter.builder(METER)
        .description("Paid invoices that did not pay their order, by reason")
        .tag("reason", mismatch.code())
        .register(Metrics.globalRegistry)
        .increment();
  }
}

package io.mallbots.ordering.application;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Conflict;
import io.vertx.core.Future;

/**
 * Paid invoices that do not pay their order ({@link
 * io.mallbots.ordering.domain.PaidInvoice#isMismatch}): money an operator must look into. Retrying
 * cannot change them, so the message that reported one ({@link Tx#cause()}) is kept with the
 * reason, in the transaction that acknowledges it, where the service's dead letters are listed, and
 * counted.
 */
public interface PaymentMismatches {

  Future<Void> record(Tx tx, Conflict mismatch);
}

package io.mallbots.payments.application;

import io.mallbots.core.db.Tx;
import io.vertx.core.Future;

/**
 * The orders payments has seen canceled (ordering's OrderCanceled): no payment is confirmed for
 * them.
 */
public interface CanceledOrders {

  /** Records {@code orderId} as canceled; recording it again changes nothing. */
  Future<Void> add(Tx tx, String orderId);

  Future<Boolean> contains(Tx tx, String orderId);
}

package io.mallbots.ordering.application;

import io.mallbots.core.db.Tx;
import io.mallbots.ordering.domain.Order;
import io.vertx.core.Future;

/**
 * The create-order saga (authorize the user, confirm the payment with the order total, approve;
 * reject on a failure): started in the transaction that creates the order, so both exist or
 * neither.
 */
public interface CreateOrderSagas {

  Future<Void> start(Tx tx, Order order);
}

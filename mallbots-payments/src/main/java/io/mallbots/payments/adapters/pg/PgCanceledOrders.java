package io.mallbots.payments.adapters.pg;

import io.mallbots.core.db.Tx;
import io.mallbots.payments.application.CanceledOrders;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/** {@link CanceledOrders} on PostgreSQL (table {@code canceled_orders}). */
public final class PgCanceledOrders implements CanceledOrders {

  private static final String ADD =
      "INSERT INTO canceled_orders (order_id) VALUES ($1) ON CONFLICT DO NOTHING";
  private static final String CONTAINS =
      "SELECT EXISTS (SELECT 1 FROM canceled_orders WHERE order_id = $1)";

  @Override
  public Future<Void> add(Tx tx, String orderId) {
    return tx.connection().preparedQuery(ADD).execute(Tuple.of(orderId)).mapEmpty();
  }

  @Override
  public Future<Boolean> contains(Tx tx, String orderId) {
    return tx.connection()
        .preparedQuery(CONTAINS)
        .execute(Tuple.of(orderId))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }
}

package io.mallbots.ordering.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Money;
import io.mallbots.ordering.application.queries.OrderView;
import io.mallbots.ordering.application.queries.OrderViews;
import io.mallbots.ordering.domain.OrderId;
import io.mallbots.ordering.domain.OrderStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.util.Optional;

/**
 * {@link OrderViews} in {@code orders_view}; reads go through the pipelined client, outside
 * transactions.
 */
public final class PgOrderViews implements OrderViews {

  private static final String PUT =
      "INSERT INTO orders_view (id, user_id, payment_id, basket_id, status, invoice_id, "
          + "total, items, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET "
          + "status = EXCLUDED.status, invoice_id = EXCLUDED.invoice_id, version = EXCLUDED.version, updated_at = now() "
          + "WHERE orders_view.version < EXCLUDED.version";
  private static final String BY_ID =
      "SELECT id, user_id, payment_id, basket_id, status, invoice_id, total, items, "
          + "version FROM orders_view WHERE id = $1";

  private final Database database;

  public PgOrderViews(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> project(Tx tx, OrderView view) {
    return tx.connection()
        .preparedQuery(PUT)
        .execute(
            Tuple.from(
                new Object[] {
                  view.id().value(),
                  view.userId(),
                  view.paymentId(),
                  view.basketId(),
                  view.status().name(),
                  view.invoiceId(),
                  Numeric.create(view.total().amount()),
                  OrderJson.items(view.items()),
                  view.version()
                }))
        .mapEmpty();
  }

  @Override
  public Future<Optional<OrderView>> find(OrderId id) {
    return database
        .reads()
        .preparedQuery(BY_ID)
        .execute(Tuple.of(id.value()))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
  }

  private static OrderView view(Row row) {
    return new OrderView(
        new OrderId(row.getUUID("id")),
        row.getString("user_id"),
        row.getString("payment_id"),
        row.getString("basket_id"),
        OrderStatus.valueOf(row.getString("status")),
        row.getString("invoice_id"),
        new Money(row.getBigDecimal("total")),
        OrderJson.items((JsonArray) row.getValue("items")),
        row.getInteger("version"));
  }
}

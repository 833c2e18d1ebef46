package io.mallbots.ordering.adapters.pg;

import io.mallbots.core.db.Tx;
import io.mallbots.ordering.application.ConcurrentOrderChange;
import io.mallbots.ordering.application.Orders;
import io.mallbots.ordering.domain.Order;
import io.mallbots.ordering.domain.OrderEvent;
import io.mallbots.ordering.domain.OrderId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link Orders} as event streams in {@code events}, with a snapshot in {@code snapshots} every
 * {@code snapshotEvery} events. One round trip loads an order: its snapshot (if any) and the events
 * after it.
 */
public final class PgOrders implements Orders {

  private static final String LOAD =
      "WITH s AS (SELECT version, state FROM snapshots WHERE stream_id = $1) "
          + "SELECT version, NULL AS name, state AS payload FROM s "
          + "UNION ALL SELECT e.version, e.name, e.payload FROM events e "
          + "WHERE e.stream_id = $1 AND e.version > COALESCE((SELECT version FROM s), 0) ORDER BY version";
  private static final String APPEND =
      "INSERT INTO events (stream_id, version, name, payload) VALUES ($1, $2, $3, $4)";
  private static final String SNAPSHOT =
      "INSERT INTO snapshots (stream_id, version, state) VALUES ($1, $2, $3) "
          + "ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, state = EXCLUDED.state, taken_at = now() "
          + "WHERE snapshots.version < EXCLUDED.version";
  // On a conflict the no-op update makes RETURNING give the row that was there: the basket's first
  // order.
  private static final String BASKET =
      "INSERT INTO basket_orders (basket_id, order_id) VALUES ($1, $2) "
          + "ON CONFLICT (basket_id) DO UPDATE SET basket_id = EXCLUDED.basket_id RETURNING order_id";
  private static final String UNIQUE_VIOLATION = "23505";

  private final int snapshotEvery;

  public PgOrders(int snapshotEvery) {
    if (snapshotEvery < 1) {
      throw new IllegalArgumentException(
          "snapshot interval must be at least 1, got " + snapshotEvery);
    }
    this.snapshotEvery = snapshotEvery;
  }

  @Override
  public Future<Optional<Order>> load(Tx tx, OrderId id) {
    return tx.connection()
        .preparedQuery(LOAD)
        .execute(Tuple.of(id.value()))
        .map(rows -> replay(id, rows));
  }

  @Override
  public Future<Void> append(Tx tx, int expectedVersion, List<OrderEvent> events, Order after) {
    if (after.version() != expectedVersion + events.size()) {
      throw new IllegalArgumentException(
          "order "
              + after.id()
              + " at version "
              + after.version()
              + " is not "
              + events.size()
              + " event(s) after version "
              + expectedVersion);
    }
    UUID stream = after.id().value();
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      OrderEvent event = events.get(i);
      rows.add(
          Tuple.of(
              stream, expectedVersion + 1 + i, OrderJson.name(event), OrderJson.encode(event)));
    }
    Future<Void> appended =
        tx.connection()
            .preparedQuery(APPEND)
            .executeBatch(rows)
            .<Void>mapEmpty()
            .recover(
                failure ->
                    Future.failedFuture(
                        failure instanceof PgException pg
                                && UNIQUE_VIOLATION.equals(pg.getSqlState())
                            ? new ConcurrentOrderChange(after.id(), expectedVersion)
                            : failure));
    boolean crossed = after.version() / snapshotEvery > expectedVersion / snapshotEvery;
    return crossed
        ? appended.compose(
            v ->
                tx.connection()
                    .preparedQuery(SNAPSHOT)
                    .execute(Tuple.of(stream, after.version(), OrderJson.snapshot(after)))
                    .mapEmpty())
        : appended;
  }

  @Override
  public Future<OrderId> orderOfBasket(Tx tx, String basketId, OrderId orderId) {
    return tx.connection()
        .preparedQuery(BASKET)
        .execute(Tuple.of(basketId, orderId.value()))
        .map(rows -> new OrderId(rows.iterator().next().getUUID("order_id")));
  }

  /**
   * The snapshot row (no name) comes first, if there is one; then the events after it, in order.
   */
  private static Optional<Order> replay(OrderId id, RowSet<Row> rows) {
    Order order = null;
    List<OrderEvent> history = new ArrayList<>();
    for (Row row : rows) {
      JsonObject payload = (JsonObject) row.getValue("payload");
      if (row.getString("name") == null) {
        order = OrderJson.fromSnapshot(id, row.getInteger("version"), payload);
      } else {
        history.add(OrderJson.decode(id, row.getString("name"), payload));
      }
    }
    if (order == null) {
      return history.isEmpty() ? Optional.empty() : Optional.of(Order.replay(history));
    }
    return Optional.of(order.applyAll(history));
  }
}

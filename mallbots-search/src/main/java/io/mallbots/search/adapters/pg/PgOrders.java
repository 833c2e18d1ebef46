package io.mallbots.search.adapters.pg;

import static io.mallbots.core.db.Versions.newer;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Money;
import io.mallbots.search.application.Orders;
import io.mallbots.search.domain.NameOwner;
import io.mallbots.search.domain.OrderItem;
import io.mallbots.search.domain.OrderPage;
import io.mallbots.search.domain.OrderSearch;
import io.mallbots.search.domain.OrderStatus;
import io.mallbots.search.domain.OrderView;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Orders} in the tables {@code orders} and {@code order_items}; money as {@code
 * numeric(14,2)}. Reads go through the pipelining client: one statement for the orders, one for all
 * their items.
 */
public final class PgOrders implements Orders {

  // A row without created_at is a placeholder left by a status event: OrderCreated completes it,
  // once, keeping the placeholder's status and its version if newer.
  private static final String RECORD =
      "INSERT INTO orders (order_id, user_id, user_name, total, status, "
          + "status_rank, created_at, store_ids, product_ids, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
          + "ON CONFLICT (order_id) DO UPDATE SET user_id = excluded.user_id, user_name = excluded.user_name, "
          + "total = excluded.total, created_at = excluded.created_at, store_ids = excluded.store_ids, "
          + "product_ids = excluded.product_ids, version = GREATEST(orders.version, excluded.version) "
          + "WHERE orders.created_at IS NULL RETURNING order_id";
  private static final String ITEM =
      "INSERT INTO order_items (order_id, position, product_id, store_id, "
          + "product_name, store_name, price, quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  // Forward only, by rank and, when the event has one, by the order's version (core's Versions).
  private static final String ADVANCE =
      "INSERT INTO orders (order_id, status, status_rank, version) VALUES ($1, $2, $3, $4) "
          + "ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, status_rank = excluded.status_rank, "
          + "version = GREATEST(orders.version, excluded.version) "
          + "WHERE orders.status_rank < excluded.status_rank AND "
          + newer("excluded.version", "orders.version");
  private static final Map<NameOwner, String> RENAME =
      Map.of(
          NameOwner.USER, "UPDATE orders SET user_name = $2 WHERE user_id = $1 AND user_name <> $2",
          NameOwner.STORE,
              "UPDATE order_items SET store_name = $2 WHERE store_id = $1 AND store_name <> $2",
          NameOwner.PRODUCT,
              "UPDATE order_items SET product_name = $2 WHERE product_id = $1 AND product_name <> $2");
  private static final String BY_ID =
      "SELECT "
          + OrderQuery.COLUMNS
          + " FROM orders "
          + "WHERE order_id = $1 AND created_at IS NOT NULL";
  private static final String ITEMS =
      "SELECT order_id, product_id, store_id, product_name, store_name, price, "
          + "quantity FROM order_items WHERE order_id = ANY($1) ORDER BY order_id, position";

  private final Database database;

  public PgOrders(Database database) {
    this.database = database;
  }

  @Override
  public Future<Boolean> record(Tx tx, OrderView order, long version) {
    List<OrderItem> items = order.items();
    Tuple row =
        Tuple.of(
                order.orderId(),
                order.userId(),
                order.userName(),
                numeric(order.total()),
                order.status().name(),
                order.status().rank(),
                OrderQuery.timestamp(order.createdAt()))
            .addArrayOfString(
                items.stream().map(OrderItem::storeId).distinct().toArray(String[]::new))
            .addArrayOfString(
                items.stream().map(OrderItem::productId).distinct().toArray(String[]::new))
            .addLong(version);
    return tx.connection()
        .preparedQuery(RECORD)
        .execute(row)
        .compose(
            recorded -> {
              if (recorded.rowCount() == 0) {
                return Future.succeededFuture(false);
              }
              if (items.isEmpty()) {
                return Future.succeededFuture(true);
              }
              List<Tuple> rows = new ArrayList<>();
              for (int position = 0; position < items.size(); position++) {
                OrderItem item = items.get(position);
                rows.add(
                    Tuple.of(
                        order.orderId(),
                        position,
                        item.productId(),
                        item.storeId(),
                        item.productName(),
                        item.storeName(),
                        numeric(item.price()),
                        item.quantity()));
              }
              return tx.connection().preparedQuery(ITEM).executeBatch(rows).map(true);
            });
  }

  @Override
  public Future<Void> advance(Tx tx, String orderId, OrderStatus status, long version) {
    return tx.connection()
        .preparedQuery(ADVANCE)
        .execute(Tuple.of(orderId, status.name(), status.rank(), version))
        .mapEmpty();
  }

  @Override
  public Future<Void> rename(Tx tx, NameOwner owner, String id, String name) {
    return tx.connection().preparedQuery(RENAME.get(owner)).execute(Tuple.of(id, name)).mapEmpty();
  }

  @Override
  public Future<Optional<OrderView>> find(String orderId) {
    return database
        .reads()
        .preparedQuery(BY_ID)
        .execute(Tuple.of(orderId))
        .compose(this::withItems)
        .map(found -> found.stream().findFirst());
  }

  @Override
  public Future<OrderPage> search(OrderSearch search) {
    OrderQuery query = OrderQuery.of(search);
    return database
        .reads()
        .preparedQuery(query.sql())
        .execute(query.params())
        .compose(this::withItems)
        .map(read -> OrderPage.of(read, search.limit()));
  }

  /** The orders of {@code rows}, in their order, each with its items. */
  private Future<List<OrderView>> withItems(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.succeededFuture(List.of());
    }
    Map<String, List<OrderItem>> items = new LinkedHashMap<>();
    rows.forEach(row -> items.put(row.getString("order_id"), new ArrayList<>()));
    return database
        .reads()
        .preparedQuery(ITEMS)
        .execute(Tuple.of(items.keySet().toArray(String[]::new)))
        .map(
            itemRows -> {
              itemRows.forEach(item -> items.get(item.getString("order_id")).add(item(item)));
              List<OrderView> orders = new ArrayList<>(rows.size());
              rows.forEach(row -> orders.add(order(row, items.get(row.getString("order_id")))));
              return orders;
            });
  }

  private static OrderView order(Row row, List<OrderItem> items) {
    return new OrderView(
        row.getString("order_id"),
        row.getString("user_id"),
        row.getString("user_name"),
        items,
        new Money(row.getBigDecimal("total")),
        OrderStatus.valueOf(row.getString("status")),
        row.getOffsetDateTime("created_at").toInstant());
  }

  private static OrderItem item(Row row) {
    return new OrderItem(
        row.getString("product_id"),
        row.getString("store_id"),
        row.getString("product_name"),
        row.getString("store_name"),
        new Money(row.getBigDecimal("price")),
        row.getLong("quantity"));
  }

  private static Numeric numeric(Money money) {
    return Numeric.create(money.amount());
  }
}

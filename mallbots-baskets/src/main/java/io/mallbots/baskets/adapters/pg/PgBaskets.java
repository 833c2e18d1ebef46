package io.mallbots.baskets.adapters.pg;

import io.mallbots.baskets.application.Baskets;
import io.mallbots.baskets.domain.basket.Basket;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.basket.BasketStatus;
import io.mallbots.baskets.domain.basket.Item;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Money;
import io.mallbots.core.domain.NotFound;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@link Baskets} in {@code baskets} and {@code basket_items}. Saving rewrites the items (a basket holds a
 * handful), keeping their order in {@code position}.
 */
public final class PgBaskets implements Baskets {

  private static final String INSERT = "INSERT INTO baskets (id, user_id, status, payment_id) VALUES ($1, $2, $3, $4)";
  private static final String UPDATE = "UPDATE baskets SET status = $2, payment_id = $3, updated_at = now() WHERE id = $1";
  private static final String DELETE_ITEMS = "DELETE FROM basket_items WHERE basket_id = $1";
  private static final String INSERT_ITEM = "INSERT INTO basket_items (basket_id, position, product_id, store_id, "
      + "store_name, product_name, price, quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final String BY_ID = "SELECT b.id, b.user_id, b.status, b.payment_id, i.product_id, i.store_id, "
      + "i.store_name, i.product_name, i.price, i.quantity FROM baskets b "
      + "LEFT JOIN basket_items i ON i.basket_id = b.id WHERE b.id = $1 ORDER BY i.position";

  private final Database database;

  public PgBaskets(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Basket basket) {
    return Sql.write(tx, INSERT, Tuple.of(basket.id().value(), basket.userId(), basket.status().name(),
        basket.paymentId())).compose(v -> insertItems(tx, basket));
  }

  @Override
  public Future<Void> save(Tx tx, Basket basket) {
    return Sql.write(tx, UPDATE, Tuple.of(basket.id().value(), basket.status().name(), basket.paymentId()))
        .compose(v -> Sql.write(tx, DELETE_ITEMS, Tuple.of(basket.id().value())))
        .compose(v -> insertItems(tx, basket));
  }

  @Override
  public Future<Basket> lock(Tx tx, BasketId id) {
    return one(tx.connection(), BY_ID + " FOR UPDATE OF b", id);
  }

  @Override
  public Future<Basket> find(BasketId id) {
    return one(database.reads(), BY_ID, id);
  }

  private static Future<Void> insertItems(Tx tx, Basket basket) {
    List<Item> items = basket.items();
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = IntStream.range(0, items.size()).mapToObj(position -> {
      Item item = items.get(position);
      return Tuple.of(basket.id().value(), position, item.productId().value(), item.storeId().value(),
          item.storeName(), item.productName(), Numeric.create(item.price().amount()), item.quantity());
    }).toList();
    return tx.connection().preparedQuery(INSERT_ITEM).executeBatch(rows).mapEmpty();
  }

  private static Future<Basket> one(SqlClient client, String sql, BasketId id) {
    return client.preparedQuery(sql).execute(Tuple.of(id.value())).compose(rows -> rows.size() == 0
        ? Future.failedFuture(new NotFound("BASKET_NOT_FOUND", "no basket with id " + id))
        : Future.succeededFuture(basket(rows)));
  }

  /** One row per item; a basket without items is one row with null item columns. */
  private static Basket basket(RowSet<Row> rows) {
    Row first = rows.iterator().next();
    List<Item> items = new ArrayList<>();
    for (Row row : rows) {
      if (row.getUUID("product_id") != null) {
        items.add(new Item(new ProductId(row.getUUID("product_id")), new StoreId(row.getUUID("store_id")),
            row.getString("store_name"), row.getString("product_name"), new Money(row.getBigDecimal("price")),
            row.getInteger("quantity")));
      }
    }
    return new Basket(new BasketId(first.getUUID("id")), first.getString("user_id"),
        BasketStatus.valueOf(first.getString("status")), items, first.getString("payment_id"));
  }
}

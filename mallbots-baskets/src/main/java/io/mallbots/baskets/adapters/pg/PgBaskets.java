package io.mallbots.baskets.adapters.pg;

import io.mallbots.baskets.application.Baskets;
import io.mallbots.baskets.domain.basket.Basket;
import io.mallbots.baskets.domain.basket.BasketEvent;
import io.mallbots.baskets.domain.basket.BasketId;
import io.mallbots.baskets.domain.basket.BasketStatus;
import io.mallbots.baskets.domain.basket.Item;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Sql;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Money;
import io.mallbots.core.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@link Baskets} in {@code baskets} and {@code basket_items}, the items' order in {@code
 * position}. Saving writes only what changed since the basket was locked: adding an item is one
 * upsert, not a rewrite of the basket (each basket change is a shopper waiting). A change's events
 * go to the outbox of its tx.
 */
public final class PgBaskets implements Baskets {

  private static final String INSERT =
      "INSERT INTO baskets (id, user_id, status, payment_id) VALUES ($1, $2, $3, $4)";
  private static final String UPDATE =
      "UPDATE baskets SET status = $2, payment_id = $3, updated_at = now() WHERE id = $1";
  private static final String DELETE_ITEMS =
      "DELETE FROM basket_items WHERE basket_id = $1 AND product_id = ANY($2)";
  private static final String INSERT_ITEM =
      "INSERT INTO basket_items (basket_id, position, product_id, store_id, "
          + "store_name, product_name, price, quantity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private static final String UPSERT_ITEM =
      INSERT_ITEM
          + " ON CONFLICT (basket_id, product_id) DO UPDATE SET "
          + "position = excluded.position, store_id = excluded.store_id, store_name = excluded.store_name, "
          + "product_name = excluded.product_name, price = excluded.price, quantity = excluded.quantity";
  private static final String BY_ID =
      "SELECT b.id, b.user_id, b.status, b.payment_id, i.product_id, i.store_id, "
          + "i.store_name, i.product_name, i.price, i.quantity FROM baskets b "
          + "LEFT JOIN basket_items i ON i.basket_id = b.id WHERE b.id = $1 ORDER BY i.position";

  private final Database database;

  public PgBaskets(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Changed<Basket, BasketEvent> started) {
    Basket basket = started.aggregate();
    return Sql.write(
            tx,
            INSERT,
            Tuple.of(
                basket.id().value(), basket.userId(), basket.status().name(), basket.paymentId()))
        .compose(
            v ->
                writeItems(
                    tx,
                    INSERT_ITEM,
                    basket,
                    IntStream.range(0, basket.items().size()).boxed().toList()))
        .compose(v -> Outbox.append(tx, BasketsMessages.of(started.events())));
  }

  @Override
  public Future<Void> save(Tx tx, Basket before, Changed<Basket, BasketEvent> change) {
    Basket after = change.aggregate();
    boolean statusChanged =
        before.status() != after.status() || !Objects.equals(before.paymentId(), after.paymentId());
    Future<Void> basket =
        statusChanged
            ? Sql.write(
                tx, UPDATE, Tuple.of(after.id().value(), after.status().name(), after.paymentId()))
            : Future.succeededFuture();
    Set<ProductId> kept = after.items().stream().map(Item::productId).collect(Collectors.toSet());
    UUID[] removed =
        before.items().stream()
            .map(Item::productId)
            .filter(product -> !kept.contains(product))
            .map(ProductId::value)
            .toArray(UUID[]::new);
    List<Integer> changed =
        IntStream.range(0, after.items().size())
            .filter(
                i ->
                    i >= before.items().size()
                        || !before.items().get(i).equals(after.items().get(i)))
            .boxed()
            .toList();
    return basket
        .compose(
            v ->
                removed.length == 0
                    ? Future.succeededFuture()
                    : Sql.write(
                        tx, DELETE_ITEMS, Tuple.of(after.id().value()).addArrayOfUUID(removed)))
        .compose(v -> writeItems(tx, UPSERT_ITEM, after, changed))
        .compose(v -> Outbox.append(tx, BasketsMessages.of(change.events())));
  }

  @Override
  public Future<Basket> lock(Tx tx, BasketId id) {
    return first(tx.connection(), BY_ID + " FOR UPDATE OF b", id)
        .map(found -> found.orElseThrow(() -> Baskets.notFound(id)));
  }

  @Override
  public Future<Optional<Basket>> find(BasketId id) {
    return first(database.reads(), BY_ID, id);
  }

  /** The items at {@code positions}, written with {@code sql} in one batch. */
  private static Future<Void> writeItems(
      Tx tx, String sql, Basket basket, List<Integer> positions) {
    if (positions.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows =
        positions.stream()
            .map(
                position -> {
                  Item item = basket.items().get(position);
                  return Tuple.of(
                      basket.id().value(),
                      position,
                      item.productId().value(),
                      item.storeId().value(),
                      item.storeName(),
                      item.productName(),
                      Numeric.create(item.price().amount()),
                      item.quantity());
                })
            .toList();
    return tx.connection().preparedQuery(sql).executeBatch(rows).mapEmpty();
  }

  private static Future<Optional<Basket>> first(SqlClient client, String sql, BasketId id) {
    return client
        .preparedQuery(sql)
        .execute(Tuple.of(id.value()))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(basket(rows)));
  }

  /** One row per item; a basket without items is one row with null item columns. */
  private static Basket basket(RowSet<Row> rows) {
    Row first = rows.iterator().next();
    List<Item> items = new ArrayList<>();
    for (Row row : rows) {
      if (row.getUUID("product_id") != null) {
        items.add(
            new Item(
                new ProductId(row.getUUID("product_id")),
                new StoreId(row.getUUID("store_id")),
                row.getString("store_name"),
                row.getString("product_name"),
                new Money(row.getBigDecimal("price")),
                row.getInteger("quantity")));
      }
    }
    return new Basket(
        new BasketId(first.getUUID("id")),
        first.getString("user_id"),
        BasketStatus.valueOf(first.getString("status")),
        items,
        first.getString("payment_id"));
  }
}

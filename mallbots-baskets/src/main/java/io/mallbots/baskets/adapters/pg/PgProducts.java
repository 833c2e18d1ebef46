package io.mallbots.baskets.adapters.pg;

import io.mallbots.baskets.application.Products;
import io.mallbots.baskets.domain.catalog.Product;
import io.mallbots.baskets.domain.catalog.ProductId;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Sql;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Money;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.util.Optional;

/** {@link Products} in {@code product_cache}, with removed products remembered in {@code removed_products}. */
public final class PgProducts implements Products {

  private static final String ADD = "INSERT INTO product_cache (id, store_id, name, price) "
      + "SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM removed_products WHERE id = $1) "
      + "ON CONFLICT (id) DO NOTHING";
  private static final String RENAME = "UPDATE product_cache SET name = $2, updated_at = now() WHERE id = $1";
  private static final String REPRICE = "UPDATE product_cache SET price = $2, updated_at = now() WHERE id = $1";
  private static final String FORGET = "DELETE FROM product_cache WHERE id = $1";
  private static final String TOMBSTONE = "INSERT INTO removed_products (id) VALUES ($1) ON CONFLICT DO NOTHING";
  private static final String BY_ID = "SELECT id, store_id, name, price FROM product_cache WHERE id = $1";
  private static final String REMOVED = "SELECT 1 FROM removed_products WHERE id = $1";

  private final Database database;

  public PgProducts(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Product product) {
    return Sql.write(tx, ADD, Tuple.of(product.id().value(), product.storeId().value(), product.name(),
        Numeric.create(product.price().amount())));
  }

  @Override
  public Future<Void> rename(Tx tx, ProductId id, String name) {
    return Sql.write(tx, RENAME, Tuple.of(id.value(), name));
  }

  @Override
  public Future<Void> reprice(Tx tx, ProductId id, Money price) {
    return Sql.write(tx, REPRICE, Tuple.of(id.value(), Numeric.create(price.amount())));
  }

  @Override
  public Future<Void> remove(Tx tx, ProductId id) {
    return Sql.write(tx, FORGET, Tuple.of(id.value())).compose(v -> Sql.write(tx, TOMBSTONE, Tuple.of(id.value())));
  }

  @Override
  public Future<Optional<Product>> find(ProductId id) {
    return Sql.first(database.reads(), BY_ID, Tuple.of(id.value()), PgProducts::product);
  }

  @Override
  public Future<Boolean> removed(ProductId id) {
    return Sql.first(database.reads(), REMOVED, Tuple.of(id.value()), row -> true).map(Optional::isPresent);
  }

  private static Product product(Row row) {
    return new Product(new ProductId(row.getUUID("id")), new StoreId(row.getUUID("store_id")), row.getString("name"),
        new Money(row.getBigDecimal("price")));
  }
}

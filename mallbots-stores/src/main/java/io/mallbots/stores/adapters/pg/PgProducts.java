package io.mallbots.stores.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Sql;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.domain.Money;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.stores.application.Products;
import io.mallbots.stores.domain.product.Product;
import io.mallbots.stores.domain.product.ProductEvent;
import io.mallbots.stores.domain.product.ProductId;
import io.mallbots.stores.domain.product.ProductRemoved;
import io.mallbots.stores.domain.store.StoreId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.util.List;
import java.util.Optional;

/**
 * {@link Products} in the {@code products} table; prices as {@code numeric(14,2)}. A change's
 * events go to the outbox of its tx.
 */
public final class PgProducts implements Products {

  private static final String COLUMNS = "id, store_id, name, description, sku, price, version";
  private static final String INSERT =
      "INSERT INTO products (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7)";
  private static final String UPDATE =
      "UPDATE products SET name = $3, description = $4, sku = $5, price = $6, "
          + "version = $7, updated_at = now() WHERE id = $1 AND store_id = $2";
  private static final String DELETE = "DELETE FROM products WHERE id = $1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM products WHERE id = $1";
  private static final String CATALOG =
      "SELECT " + COLUMNS + " FROM products WHERE store_id = $1 ORDER BY name, id";

  private final Database database;

  public PgProducts(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Changed<Product, ProductEvent> added) {
    return write(tx, INSERT, added);
  }

  @Override
  public Future<Void> save(Tx tx, Changed<Product, ProductEvent> change) {
    return write(tx, UPDATE, change);
  }

  @Override
  public Future<Void> remove(Tx tx, ProductRemoved removed) {
    return Sql.write(tx, DELETE, Tuple.of(removed.productId().value()))
        .compose(deleted -> Outbox.append(tx, StoresMessages.ofProduct(List.of(removed))));
  }

  private static Future<Void> write(Tx tx, String sql, Changed<Product, ProductEvent> change) {
    return Sql.write(tx, sql, row(change.aggregate()))
        .compose(written -> Outbox.append(tx, StoresMessages.ofProduct(change.events())));
  }

  @Override
  public Future<Product> lock(Tx tx, ProductId id) {
    return Sql.one(
        tx.connection(),
        BY_ID + " FOR UPDATE",
        Tuple.of(id.value()),
        PgProducts::product,
        () -> Products.notFound(id));
  }

  @Override
  public Future<Optional<Product>> find(ProductId id) {
    return Sql.all(database.reads(), BY_ID, Tuple.of(id.value()), PgProducts::product)
        .map(found -> found.stream().findFirst());
  }

  @Override
  public Future<List<Product>> catalog(StoreId storeId) {
    return Sql.all(database.reads(), CATALOG, Tuple.of(storeId.value()), PgProducts::product);
  }

  private static Tuple row(Product product) {
    return Tuple.of(
        product.id().value(),
        product.storeId().value(),
        product.name(),
        product.description(),
        product.sku(),
        Numeric.create(product.price().amount()),
        product.version());
  }

  private static Product product(Row row) {
    return new Product(
        new ProductId(row.getUUID("id")),
        new StoreId(row.getUUID("store_id")),
        row.getString("name"),
        row.getString("description"),
        row.getString("sku"),
        new Money(row.getBigDecimal("price")),
        row.getLong("version"));
  }
}

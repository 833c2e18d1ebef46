package io.mallbots.baskets.adapters.pg;

import static io.mallbots.core.db.Versions.newer;

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

/**
 * {@link Products} in {@code product_cache}, with removed products remembered in {@code
 * removed_products}. Name and price keep the version of the event that set them (core's {@code
 * Versions} rule): a change applies only if newer, and one that comes before its ProductAdded
 * leaves a partial row that ProductAdded completes.
 */
public final class PgProducts implements Products {

  private static final String NOT_REMOVED =
      "NOT EXISTS (SELECT 1 FROM removed_products WHERE id = $1)";
  // ProductAdded is a product's first event: it only fills what a later event (or a fill) has not
  // set.
  private static final String ADD =
      "INSERT INTO product_cache (id, store_id, name, price, name_version, "
          + "price_version) SELECT $1, $2, $3, $4, $5, $5 WHERE "
          + NOT_REMOVED
          + " ON CONFLICT (id) DO UPDATE SET "
          + "store_id = coalesce(product_cache.store_id, excluded.store_id), "
          + "name = coalesce(product_cache.name, excluded.name), "
          + "name_version = CASE WHEN product_cache.name IS NULL THEN excluded.name_version "
          + "ELSE product_cache.name_version END, "
          + "price = coalesce(product_cache.price, excluded.price), "
          + "price_version = CASE WHEN product_cache.price IS NULL THEN excluded.price_version "
          + "ELSE product_cache.price_version END, updated_at = now() "
          + "WHERE product_cache.store_id IS NULL OR product_cache.name IS NULL OR product_cache.price IS NULL";
  // A change with a version makes a partial row when the product is unknown; one without (0)
  // updates a known product only, as before versions.
  private static final String RENAME =
      "INSERT INTO product_cache (id, name, name_version) SELECT $1, $2, $3::bigint "
          + "WHERE ($3::bigint > 0 OR EXISTS (SELECT 1 FROM product_cache WHERE id = $1)) AND "
          + NOT_REMOVED
          + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
          + "name_version = greatest(product_cache.name_version, excluded.name_version), updated_at = now() "
          + "WHERE "
          + newer("excluded.name_version", "product_cache.name_version");
  private static final String REPRICE =
      "INSERT INTO product_cache (id, price, price_version) "
          + "SELECT $1, $2, $3::bigint "
          + "WHERE ($3::bigint > 0 OR EXISTS (SELECT 1 FROM product_cache WHERE id = $1)) AND "
          + NOT_REMOVED
          + " ON CONFLICT (id) DO UPDATE SET price = excluded.price, "
          + "price_version = greatest(product_cache.price_version, excluded.price_version), updated_at = now() "
          + "WHERE "
          + newer("excluded.price_version", "product_cache.price_version");
  private static final String FORGET = "DELETE FROM product_cache WHERE id = $1";
  // Removal is final: the tombstone keeps every later-delivered event of the product (all older)
  // from applying.
  private static final String TOMBSTONE =
      "INSERT INTO removed_products (id, version) VALUES ($1, $2) "
          + "ON CONFLICT (id) DO UPDATE SET version = greatest(removed_products.version, excluded.version)";
  // A partial row is not a product yet: the caller asks stores, and the fill completes the row.
  private static final String BY_ID =
      "SELECT id, store_id, name, price FROM product_cache WHERE id = $1 "
          + "AND store_id IS NOT NULL AND name IS NOT NULL AND price IS NOT NULL";
  private static final String REMOVED = "SELECT 1 FROM removed_products WHERE id = $1";

  private final Database database;

  public PgProducts(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Product product, long version) {
    return Sql.write(
        tx,
        ADD,
        Tuple.of(
            product.id().value(),
            product.storeId().value(),
            product.name(),
            Numeric.create(product.price().amount()),
            version));
  }

  @Override
  public Future<Void> rename(Tx tx, ProductId id, String name, long version) {
    return Sql.write(tx, RENAME, Tuple.of(id.value(), name, version));
  }

  @Override
  public Future<Void> reprice(Tx tx, ProductId id, Money price, long version) {
    return Sql.write(tx, REPRICE, Tuple.of(id.value(), Numeric.create(price.amount()), version));
  }

  @Override
  public Future<Void> remove(Tx tx, ProductId id, long version) {
    return Sql.write(tx, FORGET, Tuple.of(id.value()))
        .compose(v -> Sql.write(tx, TOMBSTONE, Tuple.of(id.value(), version)));
  }

  @Override
  public Future<Optional<Product>> find(ProductId id) {
    return Sql.first(database.reads(), BY_ID, Tuple.of(id.value()), PgProducts::product);
  }

  @Override
  public Future<Boolean> removed(ProductId id) {
    return Sql.first(database.reads(), REMOVED, Tuple.of(id.value()), row -> true)
        .map(Optional::isPresent);
  }

  private static Product product(Row row) {
    return new Product(
        new ProductId(row.getUUID("id")),
        new StoreId(row.getUUID("store_id")),
        row.getString("name"),
        new Money(row.getBigDecimal("price")));
  }
}

package io.mallbots.baskets.adapters.pg;

import static io.mallbots.core.db.Versions.newer;

import io.mallbots.baskets.application.Stores;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Sql;
import io.mallbots.core.db.Tx;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** {@link Stores} in {@code store_cache}, with the version of the event that set each name. */
public final class PgStores implements Stores {

  private static final String ADD =
      "INSERT INTO store_cache (id, name, version) VALUES ($1, $2, $3) "
          + "ON CONFLICT (id) DO NOTHING";
  private static final String PUT =
      "INSERT INTO store_cache (id, name, version) VALUES ($1, $2, $3) "
          + "ON CONFLICT (id) DO UPDATE SET name = excluded.name, "
          + "version = greatest(store_cache.version, excluded.version), updated_at = now() "
          + "WHERE "
          + newer("excluded.version", "store_cache.version");
  private static final String BY_ID = "SELECT id, name FROM store_cache WHERE id = $1";

  private final Database database;

  public PgStores(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Store store, long version) {
    return Sql.write(tx, ADD, Tuple.of(store.id().value(), store.name(), version));
  }

  @Override
  public Future<Void> put(Tx tx, Store store, long version) {
    return Sql.write(tx, PUT, Tuple.of(store.id().value(), store.name(), version));
  }

  @Override
  public Future<Optional<Store>> find(StoreId id) {
    return Sql.first(
        database.reads(),
        BY_ID,
        Tuple.of(id.value()),
        row -> new Store(new StoreId(row.getUUID("id")), row.getString("name")));
  }
}

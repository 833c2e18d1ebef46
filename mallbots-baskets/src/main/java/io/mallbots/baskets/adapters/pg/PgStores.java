package io.mallbots.baskets.adapters.pg;

import io.mallbots.baskets.application.Stores;
import io.mallbots.baskets.domain.catalog.Store;
import io.mallbots.baskets.domain.catalog.StoreId;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Sql;
import io.mallbots.core.db.Tx;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** {@link Stores} in {@code store_cache}. */
public final class PgStores implements Stores {

  private static final String ADD = "INSERT INTO store_cache (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING";
  private static final String PUT = "INSERT INTO store_cache (id, name) VALUES ($1, $2) "
      + "ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = now()";
  private static final String BY_ID = "SELECT id, name FROM store_cache WHERE id = $1";

  private final Database database;

  public PgStores(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Store store) {
    return Sql.write(tx, ADD, Tuple.of(store.id().value(), store.name()));
  }

  @Override
  public Future<Void> put(Tx tx, Store store) {
    return Sql.write(tx, PUT, Tuple.of(store.id().value(), store.name()));
  }

  @Override
  public Future<Optional<Store>> find(StoreId id) {
    return Sql.first(database.reads(), BY_ID, Tuple.of(id.value()),
        row -> new Store(new StoreId(row.getUUID("id")), row.getString("name")));
  }
}

package io.mallbots.ordering.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.ordering.application.StoreOwners;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Set;

/** {@link StoreOwners} in {@code store_owners}. */
public final class PgStoreOwners implements StoreOwners {

  private static final String RECORD =
      "INSERT INTO store_owners (store_id, owner_id) VALUES ($1, $2) "
          + "ON CONFLICT (store_id) DO NOTHING";
  private static final String OF = "SELECT store_id FROM store_owners WHERE owner_id = $1";

  private final Database database;

  public PgStoreOwners(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> record(Tx tx, String storeId, String ownerId) {
    return tx.connection().preparedQuery(RECORD).execute(Tuple.of(storeId, ownerId)).mapEmpty();
  }

  @Override
  public Future<Set<String>> storesOf(String ownerId) {
    return database
        .reads()
        .preparedQuery(OF)
        .execute(Tuple.of(ownerId))
        .map(
            rows -> {
              Set<String> stores = new HashSet<>();
              rows.forEach(row -> stores.add(row.getString(0)));
              return stores;
            });
  }
}

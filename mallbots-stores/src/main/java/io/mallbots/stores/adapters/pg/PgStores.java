package io.mallbots.stores.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Sql;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.stores.application.Stores;
import io.mallbots.stores.domain.store.Store;
import io.mallbots.stores.domain.store.StoreEvent;
import io.mallbots.stores.domain.store.StoreId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;

/** {@link Stores} in the {@code stores} table; a change's events go to the outbox of its tx. */
public final class PgStores implements Stores {

  private static final String COLUMNS = "id, name, location, participating, owner_id, version";
  private static final String INSERT =
      "INSERT INTO stores (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)";
  private static final String UPDATE =
      "UPDATE stores SET name = $2, location = $3, participating = $4, "
          + "owner_id = $5, version = $6, updated_at = now() WHERE id = $1";
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM stores WHERE id = $1";
  private static final String ALL = "SELECT " + COLUMNS + " FROM stores ORDER BY name, id";
  private static final String PARTICIPATING =
      "SELECT " + COLUMNS + " FROM stores WHERE participating ORDER BY name, id";

  private final Database database;

  public PgStores(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Changed<Store, StoreEvent> created) {
    return write(tx, INSERT, created);
  }

  @Override
  public Future<Void> save(Tx tx, Changed<Store, StoreEvent> change) {
    return write(tx, UPDATE, change);
  }

  private static Future<Void> write(Tx tx, String sql, Changed<Store, StoreEvent> change) {
    return Sql.write(tx, sql, row(change.aggregate()))
        .compose(written -> Outbox.append(tx, StoresMessages.ofStore(change.events())));
  }

  @Override
  public Future<Store> lock(Tx tx, StoreId id) {
    return Sql.one(
        tx.connection(),
        BY_ID + " FOR UPDATE",
        Tuple.of(id.value()),
        PgStores::store,
        () -> Stores.notFound(id));
  }

  @Override
  public Future<Optional<Store>> find(StoreId id) {
    return Sql.all(database.reads(), BY_ID, Tuple.of(id.value()), PgStores::store)
        .map(found -> found.stream().findFirst());
  }

  @Override
  public Future<List<Store>> all() {
    return Sql.all(database.reads(), ALL, Tuple.tuple(), PgStores::store);
  }

  @Override
  public Future<List<Store>> participating() {
    return Sql.all(database.reads(), PARTICIPATING, Tuple.tuple(), PgStores::store);
  }

  private static Tuple row(Store store) {
    return Tuple.of(
        store.id().value(),
        store.name(),
        store.location(),
        store.participating(),
        store.ownerId(),
        store.version());
  }

  private static Store store(Row row) {
    return new Store(
        new StoreId(row.getUUID("id")),
        row.getString("name"),
        row.getString("location"),
        row.getBoolean("participating"),
        row.getString("owner_id"),
        row.getLong("version"));
  }
}

package io.mallbots.stores.testing;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.testing.TestDatabases;
import io.vertx.core.Vertx;

/**
 * A fresh, migrated stores schema on the real PostgreSQL with a Vert.x of its own, for one test class;
 * {@link #close()} drops the schema and closes Vert.x.
 */
public final class StoresSchema implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final PostgresSettings settings;
  private final Database database;

  public StoresSchema(String prefix) {
    settings = TestDatabases.freshSchema(prefix);
    Migrations.migrateBlocking(settings, "stores");
    database = Database.connect(vertx, settings);
  }

  public Database database() {
    return database;
  }

  /** Removes every store, product and outbox row. */
  public void empty() {
    database.pool().query("TRUNCATE stores, products, outbox CASCADE").execute().await();
  }

  /** Rows in {@code table}, counted with a plain query. */
  public long count(String table) {
    return database.pool().query("SELECT count(*) FROM " + table).execute().await().iterator().next().getLong(0);
  }

  @Override
  public void close() {
    database.close().await();
    vertx.close().await();
    TestDatabases.drop(settings);
  }
}

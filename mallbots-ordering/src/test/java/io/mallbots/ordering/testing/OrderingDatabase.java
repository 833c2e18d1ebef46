package io.mallbots.ordering.testing;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.db.Tx;
import io.mallbots.core.testing.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;

/** The ordering schema, migrated as the service migrates it, in a schema of its own on the test PostgreSQL. */
public final class OrderingDatabase implements AutoCloseable {

  private final PostgresSettings settings;
  private final Vertx vertx = Vertx.vertx();
  private final Database database;

  public OrderingDatabase(String schemaPrefix) {
    settings = TestDatabases.freshSchema(schemaPrefix);
    Migrations.migrateBlocking(settings, "ordering");
    database = Database.connect(vertx, settings);
  }

  public Database database() {
    return database;
  }

  /** Runs {@code work} in a transaction and waits for its commit. */
  public <T> T inTransaction(Function<Tx, Future<T>> work) {
    return database.inTransaction(work).await();
  }

  /** A single number from the schema, e.g. a count. */
  public long number(String sql) {
    return database.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  public void execute(String sql) {
    database.pool().query(sql).execute().await();
  }

  @Override
  public void close() {
    database.close().await();
    vertx.close().await();
    TestDatabases.drop(settings);
  }
}

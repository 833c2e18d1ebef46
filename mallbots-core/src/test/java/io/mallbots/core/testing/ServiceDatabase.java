package io.mallbots.core.testing;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Migrations;
import io.vertx.core.Vertx;

/**
 * A fresh schema on the test PostgreSQL, migrated with core's and {@code service}'s migrations, and a pool on
 * it: what a test of SQL needs. Create it once per test class; {@link #close()} drops the schema.
 */
public final class MigratedSchema implements AutoCloseable {

  private final PostgresSettings settings;
  private final Vertx vertx;
  private final Database database;

  private MigratedSchema(PostgresSettings settings) {
    this.settings = settings;
    this.vertx = Vertx.vertx();
    this.database = Database.connect(vertx, settings);
  }

  /** A schema named {@code <prefix>_<random>}, migrated for {@code service} (tests in core use {@code probe}). */
  public static MigratedSchema create(String prefix, String service) {
    PostgresSettings settings = TestDatabases.freshSchema(prefix);
    Migrations.migrateBlocking(settings, service);
    return new MigratedSchema(settings);
  }

  public Database database() {
    return database;
  }

  public Vertx vertx() {
    return vertx;
  }

  public PostgresSettings settings() {
    return settings;
  }

  /** Empties {@code tables} (between tests). */
  public void truncate(String... tables) {
    database.pool().query("TRUNCATE " + String.join(", ", tables)).execute().await();
  }

  @Override
  public void close() {
    database.close().await();
    vertx.close().await();
    TestDatabases.drop(settings);
  }
}

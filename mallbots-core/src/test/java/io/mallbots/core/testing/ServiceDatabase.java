package io.mallbots.core.testing;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.db.Tx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * A fresh schema on the test PostgreSQL, migrated with core's and a service's migrations as the
 * service migrates it, and a pool on it: what a test of SQL, a repository or an application service
 * needs. Services extend it with their repositories. Create it once per test class; {@link
 * #close()} drops the schema. No outbox relay runs: the outbox keeps everything committed to it.
 * Its methods block, so call them from the test's thread.
 */
public class ServiceDatabase implements AutoCloseable {

  private final PostgresSettings settings;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final Database database;

  /**
   * A schema named {@code <prefix>_<random>} migrated for {@code service}, with a Vert.x of its
   * own.
   */
  public ServiceDatabase(String prefix, String service) {
    this(null, prefix, service);
  }

  /**
   * The same on {@code vertx} (e.g. the one {@code VertxExtension} injects), which {@link #close()}
   * leaves open; {@code null} for a Vert.x of its own.
   */
  public ServiceDatabase(Vertx vertx, String prefix, String service) {
    this.settings = TestDatabases.freshSchema(prefix);
    Migrations.migrateBlocking(settings, service);
    this.ownsVertx = vertx == null;
    this.vertx = ownsVertx ? Vertx.vertx() : vertx;
    this.database = Database.connect(this.vertx, settings);
  }

  /**
   * A schema named {@code <prefix>_<random>}, migrated for {@code service} (tests in core use
   * {@code probe}).
   */
  public static ServiceDatabase create(String prefix, String service) {
    return new ServiceDatabase(prefix, service);
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

  /** Runs {@code work} in a transaction and waits for its commit. */
  public <T> T inTransaction(Function<Tx, Future<T>> work) {
    return database.inTransaction(work).await();
  }

  /** A single number from the schema, e.g. a count. */
  public long number(String sql) {
    return database.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  /** Runs {@code sql} and waits for it. */
  public void execute(String sql) {
    database.pool().query(sql).execute().await();
  }

  /** Empties {@code tables} (between tests). */
  public void truncate(String... tables) {
    execute("TRUNCATE " + String.join(", ", tables));
  }

  @Override
  public void close() {
    database.close().await();
    if (ownsVertx) {
      vertx.close().await();
    }
    TestDatabases.drop(settings);
  }
}

package io.mallbots.core.db;

import io.mallbots.core.config.PostgresSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a service's schema up to date with Flyway: first the core tables (outbox, inbox, saga
 * state: {@code classpath:db/mallbots-core}, history in {@code mallbots_core_history}), then the
 * service's own migrations ({@code classpath:db/migration/<service>}). Blocking JDBC work, run on a
 * worker thread.
 */
public final class Migrations {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static Future<Void> migrate(Vertx vertx, PostgresSettings settings, String service) {
    return vertx.executeBlocking(
        () -> {
          migrateBlocking(settings, service);
          return null;
        },
        false);
  }

  /** For launchers and tests that migrate before Vert.x runs anything. */
  public static void migrateBlocking(PostgresSettings settings, String service) {
    int core =
        configure(settings)
            .locations("classpath:db/mallbots-core")
            .table("mallbots_core_history")
            .load()
            .migrate()
            .migrationsExecuted;
    // The schema already holds the core tables, so the service's history starts from a baseline.
    int own =
        configure(settings)
            .locations("classpath:db/migration/" + service)
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .load()
            .migrate()
            .migrationsExecuted;
    log.info(
        "schema {} up to date ({} core and {} {} migrations applied)",
        settings.schema(),
        core,
        own,
        service);
  }

  /**
   * Drops the schema and everything in it, for throw-away schemas (benchmarks, tests); blocking. A
   * failure is logged, not thrown: it leaves a schema behind, nothing worse.
   */
  public static void dropSchema(PostgresSettings settings) {
    try (Connection connection =
            DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
        Statement sql = connection.createStatement()) {
      sql.execute("DROP SCHEMA IF EXISTS \"" + settings.schema() + "\" CASCADE");
    } catch (SQLException e) {
      log.warn("could not drop schema {}: {}", settings.schema(), e.toString());
    }
  }

  private static org.flywaydb.core.api.configuration.FluentConfiguration configure(
      PostgresSettings settings) {
    return Flyway.configure()
        .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
        .schemas(settings.schema())
        .defaultSchema(settings.schema())
        .createSchemas(true)
        .connectRetries(5)
        .failOnMissingLocations(false);
  }
}

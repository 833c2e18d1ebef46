package io.mallbots.core.testing;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.db.Migrations;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL that tests use: {@code POSTGRES_*} from the environment (as {@code scripts/env.sh}
 * exports them), the project defaults otherwise. Each test class gets a schema of its own.
 */
public final class TestDatabases {

  private TestDatabases() {}

  public static String env(String key, String fallback) {
    String value = System.getenv(key);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Settings for a new, empty schema named after {@code prefix}. */
  public static PostgresSettings freshSchema(String prefix) {
    return new PostgresSettings(
        env("POSTGRES_HOST", "127.0.0.1"),
        Integer.parseInt(env("POSTGRES_PORT", Integer.toString(StandardPorts.POSTGRES))),
        env("POSTGRES_DB_NAME", "mallbots"),
        env("POSTGRES_USER", "mallbots"),
        env("POSTGRES_PASSWORD", "mallbots"),
        prefix + "_" + UUID.randomUUID().toString().substring(0, 8),
        4);
  }

  /** The environment a service under test reads, pointing at {@code settings}. */
  public static Map<String, String> asEnvironment(PostgresSettings settings) {
    return Map.of(
        "POSTGRES_HOST",
        settings.host(),
        "POSTGRES_PORT",
        Integer.toString(settings.port()),
        "POSTGRES_DB_NAME",
        settings.database(),
        "POSTGRES_USER",
        settings.user(),
        "POSTGRES_PASSWORD",
        settings.password(),
        "POSTGRES_SCHEMA",
        settings.schema());
  }

  /** Drops the schema and everything in it. */
  public static void drop(PostgresSettings settings) {
    Migrations.dropSchema(settings);
  }
}

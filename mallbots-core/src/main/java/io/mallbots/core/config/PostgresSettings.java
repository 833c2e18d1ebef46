package io.mallbots.core.config;

/**
 * Where a service's database lives. Each service owns one schema (default: the service name) and
 * finds its tables through {@code search_path}.
 */
public record PostgresSettings(
    String host,
    int port,
    String database,
    String user,
    String password,
    String schema,
    int poolSize) {

  static PostgresSettings from(Settings settings) {
    return new PostgresSettings(
        settings.string("POSTGRES_HOST", "127.0.0.1"),
        settings.integer("POSTGRES_PORT", StandardPorts.POSTGRES),
        settings.string("POSTGRES_DB_NAME", "mallbots"),
        settings.string("POSTGRES_USER", "mallbots"),
        settings.string("POSTGRES_PASSWORD", "mallbots"),
        settings.string("POSTGRES_SCHEMA", settings.service()),
        settings.integer("POSTGRES_POOL_SIZE", 4));
  }

  /** The JDBC URL Flyway migrates through. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PostgresSettings["
        + user
        + "@"
        + host
        + ":"
        + port
        + "/"
        + database
        + " schema="
        + schema
        + "]";
  }
}

package io.mallbots.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL (binaries shipped in a Maven jar) with one database per service, its data
 * under a directory of the caller's, kept between runs. Blocking: call before Vert.x starts.
 */
final class LocalPostgres implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
  static final String USER = "postgres";

  private final Path directory;
  private final int port;
  private EmbeddedPostgres postgres;

  LocalPostgres(Path directory, int port) {
    this.directory = directory;
    this.port = port;
  }

  int port() {
    return port;
  }

  LocalPostgres start(Collection<String> databases) throws IOException, SQLException {
    Files.createDirectories(directory);
    // Our own shutdown hook stops it, after the services have drained: its hook would race theirs.
    postgres = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false).setPort(port)
        .setRegisterShutdownHook(false).setServerConfig("max_connections", "200").start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
      for (String database : databases) {
        var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
        exists.setString(1, database);
        if (!exists.executeQuery().next()) {
          connection.createStatement().execute("CREATE DATABASE \"" + database + "\"");
        }
      }
    }
    log.info("PostgreSQL ready on 127.0.0.1:{} (data in {})", port, directory);
    return this;
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }
}

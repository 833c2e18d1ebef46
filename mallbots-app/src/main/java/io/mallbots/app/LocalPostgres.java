package io.mallbots.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL (binaries shipped in a Maven jar) with one database per service, its data
 * under a directory of the caller's, kept between runs. Blocking: call before Vert.x starts.
 */
final class LocalPostgres implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
  static final String USER = "postgres";
  private static final Duration STOP = Duration.ofSeconds(60);

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
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(directory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setRegisterShutdownHook(false)
            .setServerConfig("max_connections", "200")
            .start();
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

  /**
   * Stops the postgres a killed launcher left running on {@code directory}: pg_ctl starts it as a
   * daemon, so it outlives the JVM, holding the port and the data. A fast shutdown with pg_ctl from
   * the same binaries, else SIGTERM; then waits for its port. The caller has made sure no live
   * launcher owns it.
   */
  static void stopLeftover(Path directory) throws IOException {
    Path lock = directory.resolve("postmaster.pid");
    List<String> lines = Files.exists(lock) ? Files.readAllLines(lock) : List.of();
    if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
      return;
    }
    Optional<ProcessHandle> postmaster =
        ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
    if (postmaster.isEmpty()) {
      return; // postgres removes a stale lock file itself
    }
    Optional<Path> command = postmaster.get().info().command().map(Path::of);
    if (command.isPresent() && !command.get().getFileName().toString().equals("postgres")) {
      // After a reboot its pid may name another program, and postgres refuses to start while that
      // one lives.
      log.warn("removing {}: its pid {} is no postgres now", lock, postmaster.get().pid());
      Files.delete(lock);
      return;
    }
    log.warn(
        "stopping the PostgreSQL (pid {}) a killed launcher left on {}",
        postmaster.get().pid(),
        directory);
    Optional<Path> pgCtl =
        command.map(postgres -> postgres.resolveSibling("pg_ctl")).filter(Files::isExecutable);
    try {
      if (pgCtl.isPresent()) {
        Process stop =
            new ProcessBuilder(
                    pgCtl.get().toString(),
                    "stop",
                    "-D",
                    directory.toString(),
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    Long.toString(STOP.toSeconds()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        stop.waitFor(STOP.toSeconds() + 10, TimeUnit.SECONDS);
      }
      if (postmaster.get().isAlive()) {
        postmaster.get().destroy();
      }
      postmaster.get().onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          String.format(
              "could not stop the PostgreSQL (pid %d) left running on %s: "
                  + "stop it, then start again",
              postmaster.get().pid(), directory),
          e);
    }
    if (lines.size() > 3 && lines.get(3).trim().matches("\\d+")) {
      FreePort.awaitFree(Integer.parseInt(lines.get(3).trim()), STOP);
    }
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }
}

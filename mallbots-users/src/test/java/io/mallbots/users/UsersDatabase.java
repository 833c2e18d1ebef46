package io.mallbots.users;

import io.mallbots.core.config.PostgresSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Migrations;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.TestDatabases;
import io.mallbots.users.adapters.auth.BcryptPasswords;
import io.mallbots.users.adapters.auth.JwtTokens;
import io.mallbots.users.adapters.pg.PgUsers;
import io.mallbots.users.application.LoginLimits;
import io.mallbots.users.application.Passwords;
import io.mallbots.users.application.UsersApplication;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The users schema, migrated as the service migrates it, in a schema of its own on the test PostgreSQL,
 * with no outbox relay running: the outbox shows everything that was ever committed to it.
 */
public final class UsersDatabase implements AutoCloseable {

  private final PostgresSettings settings;
  private final Vertx vertx = Vertx.vertx();
  private final Database database;

  public UsersDatabase(String schemaPrefix) {
    settings = TestDatabases.freshSchema(schemaPrefix);
    Migrations.migrateBlocking(settings, "users");
    database = Database.connect(vertx, settings);
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  /** bcrypt at its cheapest cost. */
  public Passwords passwords() {
    return new BcryptPasswords(vertx, 4);
  }

  /** The use cases on this database, with {@code passwords}, a throw-away token key and generous login limits. */
  public UsersApplication application(Passwords passwords) {
    return application(passwords, new LoginLimits(1_000, 1_000, Clock.systemUTC()));
  }

  /** The use cases on this database, with {@code passwords}, a throw-away token key and {@code limits}. */
  public UsersApplication application(Passwords passwords, LoginLimits limits) {
    return new UsersApplication(database, new PgUsers(database), passwords,
        new JwtTokens(io.mallbots.core.auth.AuthKeys.parseEcKey(io.mallbots.core.auth.AuthKeys.throwAway().privateKey(),
            io.mallbots.core.auth.AuthKeys.PRIVATE_KEY), java.util.Set.of(), Duration.ofMinutes(1), Duration.ofMinutes(2),
            Clock.systemUTC()), limits);
  }

  /** Empties the users, the outbox and the inbox. */
  public void empty() {
    database.pool().query("TRUNCATE users, outbox, inbox").execute().await();
  }

  /** Every message in the outbox, oldest first. */
  public List<Message> outbox() {
    List<Message> messages = new ArrayList<>();
    for (Row row : database.pool().query("SELECT * FROM outbox ORDER BY seq").execute().await()) {
      Map<String, String> metadata = new HashMap<>();
      row.getJsonObject("metadata").forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
      messages.add(new Message(row.getUUID("id").toString(), row.getString("topic"), row.getString("name"),
          row.getInteger("version"), row.getString("aggregate_id"), row.getBuffer("payload").getBytes(), metadata));
    }
    return messages;
  }

  @Override
  public void close() {
    database.close().await();
    vertx.close().await();
    TestDatabases.drop(settings);
  }
}

package io.mallbots.users;

import io.mallbots.core.auth.AuthKeys;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.OutboxRows;
import io.mallbots.core.testing.ServiceDatabase;
import io.mallbots.users.adapters.auth.BcryptPasswords;
import io.mallbots.users.adapters.auth.JwtTokens;
import io.mallbots.users.adapters.pg.PgUsers;
import io.mallbots.users.application.LoginLimits;
import io.mallbots.users.application.Passwords;
import io.mallbots.users.application.UsersApplication;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The users schema ({@link ServiceDatabase}) with no outbox relay running: the outbox shows
 * everything that was ever committed to it.
 */
public final class UsersDatabase extends ServiceDatabase {

  public UsersDatabase(String schemaPrefix) {
    super(schemaPrefix, "users");
  }

  /** bcrypt at its cheapest cost. */
  public Passwords passwords() {
    return new BcryptPasswords(vertx(), 4);
  }

  /**
   * The use cases on this database, with {@code passwords}, a throw-away token key and generous
   * login limits.
   */
  public UsersApplication application(Passwords passwords) {
    return application(passwords, new LoginLimits(1_000, 1_000, Clock.systemUTC()));
  }

  /**
   * The use cases on this database, with {@code passwords}, a throw-away token key and {@code
   * limits}.
   */
  public UsersApplication application(Passwords passwords, LoginLimits limits) {
    return new UsersApplication(
        database(),
        new PgUsers(database()),
        passwords,
        new JwtTokens(
            AuthKeys.parseEcKey(AuthKeys.throwAway().privateKey(), AuthKeys.PRIVATE_KEY),
            Set.of(),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Clock.systemUTC()),
        limits);
  }

  /** Empties the users, the outbox and the inbox. */
  public void empty() {
    truncate("users", "outbox", "inbox");
  }

  /** Every message in the outbox, oldest first. */
  public List<Message> outbox() {
    return OutboxRows.all(database());
  }
}

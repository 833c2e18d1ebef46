package io.mallbots.users.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.AlreadyExists;
import io.mallbots.core.domain.Changed;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.users.application.Users;
import io.mallbots.users.domain.Email;
import io.mallbots.users.domain.PasswordHash;
import io.mallbots.users.domain.Profile;
import io.mallbots.users.domain.User;
import io.mallbots.users.domain.UserEvent;
import io.mallbots.users.domain.UserId;
import io.mallbots.users.domain.Username;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/**
 * {@link Users} on PostgreSQL. The unique constraints of the table decide whether a username or an
 * email is taken, so two concurrent registrations cannot both win.
 */
public final class PgUsers implements Users {

  private static final String SELECT =
      "SELECT id, username, email, bio, image, password_hash, enabled FROM users ";
  private static final String BY_ID = SELECT + "WHERE id = $1";
  private static final String BY_USERNAME = SELECT + "WHERE username = $1";
  private static final String INSERT =
      "INSERT INTO users (id, username, email, bio, image, password_hash, enabled) "
          + "VALUES ($1, $2, $3, $4, $5, $6, $7)";
  private static final String UPDATE =
      "UPDATE users SET username = $2, email = $3, bio = $4, image = $5, "
          + "password_hash = $6, enabled = $7, updated_at = now() WHERE id = $1";

  private final Database database;

  public PgUsers(Database database) {
    this.database = database;
  }

  @Override
  public Future<Optional<User>> find(UserId id) {
    return database.reads().preparedQuery(BY_ID).execute(Tuple.of(id.value())).map(PgUsers::first);
  }

  @Override
  public Future<Optional<User>> findByUsername(String username) {
    return database
        .reads()
        .preparedQuery(BY_USERNAME)
        .execute(Tuple.of(username))
        .map(PgUsers::first);
  }

  @Override
  public Future<User> lock(Tx tx, UserId id) {
    return tx.connection()
        .preparedQuery(BY_ID + " FOR UPDATE")
        .execute(Tuple.of(id.value()))
        .map(PgUsers::first)
        .map(found -> found.orElseThrow(() -> Users.notFound(id)));
  }

  @Override
  public Future<User> add(Tx tx, Changed<User, UserEvent> registration) {
    return write(tx, INSERT, registration);
  }

  @Override
  public Future<User> save(Tx tx, Changed<User, UserEvent> change) {
    return write(tx, UPDATE, change);
  }

  private static Future<User> write(Tx tx, String sql, Changed<User, UserEvent> change) {
    User user = change.aggregate();
    Profile profile = user.profile();
    Tuple row =
        Tuple.of(
            user.id().value(),
            profile.username().value(),
            profile.email().value(),
            profile.bio(),
            profile.image(),
            user.password().value(),
            user.enabled());
    return tx.connection()
        .preparedQuery(sql)
        .execute(row)
        .recover(failure -> Future.failedFuture(taken(failure, profile)))
        .compose(written -> Outbox.append(tx, UsersMessages.of(change.events())))
        .map(user);
  }

  /** Names the value that is taken; other failures pass unchanged. */
  private static Throwable taken(Throwable failure, Profile profile) {
    if (failure instanceof PgException pg
        && "23505".equals(pg.getSqlState())
        && pg.getConstraint() != null) {
      switch (pg.getConstraint()) {
        case "users_username_unique":
          return new AlreadyExists(
              "USERNAME_TAKEN", "username " + profile.username() + " is taken");
        case "users_email_unique":
          return new AlreadyExists(
              "EMAIL_TAKEN", "email " + profile.email() + " belongs to another user");
        default:
          break;
      }
    }
    return failure;
  }

  private static Optional<User> first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(user(iterator.next())) : Optional.empty();
  }

  private static User user(Row row) {
    Profile profile =
        new Profile(
            new Username(row.getString("username")),
            new Email(row.getString("email")),
            row.getString("bio"),
            row.getString("image"));
    return new User(
        new UserId(row.getUUID("id")),
        profile,
        new PasswordHash(row.getString("password_hash")),
        row.getBoolean("enabled"));
  }
}

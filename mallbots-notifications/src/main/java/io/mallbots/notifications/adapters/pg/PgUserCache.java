package io.mallbots.notifications.adapters.pg;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.notifications.application.UserCache;
import io.mallbots.notifications.domain.Recipient;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;

/** {@link UserCache} on PostgreSQL (table {@code user_cache}). */
public final class PgUserCache implements UserCache {

  private static final String INSERT =
      "INSERT INTO user_cache (user_id, name, address) VALUES ($1, $2, $3) "
          + "ON CONFLICT (user_id) DO ";
  private static final String ADD = INSERT + "NOTHING";
  private static final String PUT =
      INSERT + "UPDATE SET name = excluded.name, address = excluded.address, updated_at = now()";
  private static final String SELECT =
      "SELECT user_id, name, address FROM user_cache WHERE user_id = $1";

  private final Database database;

  public PgUserCache(Database database) {
    this.database = database;
  }

  @Override
  public Future<Void> add(Tx tx, Recipient user) {
    return write(tx, ADD, user);
  }

  @Override
  public Future<Void> put(Tx tx, Recipient user) {
    return write(tx, PUT, user);
  }

  @Override
  public Future<Optional<Recipient>> find(String userId) {
    return database
        .reads()
        .preparedQuery(SELECT)
        .execute(Tuple.of(userId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next())
                        .map(
                            row ->
                                new Recipient(
                                    row.getString("user_id"),
                                    row.getString("name"),
                                    row.getString("address"))));
  }

  private static Future<Void> write(Tx tx, String sql, Recipient user) {
    return tx.connection()
        .preparedQuery(sql)
        .execute(Tuple.of(user.userId(), user.name(), user.address()))
        .mapEmpty();
  }
}

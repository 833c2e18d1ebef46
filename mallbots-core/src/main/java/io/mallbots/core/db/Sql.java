package io.mallbots.core.db;

import io.mallbots.core.domain.NotFound;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The statement shapes the services' Pg repositories share: a write in the unit of work's
 * transaction, one row, at most one row, many rows. Each is one prepared statement; called on the
 * event loop of the caller.
 */
public final class Sql {

  private Sql() {}

  /**
   * Runs {@code sql} on the transaction's connection, so it commits or rolls back with the unit of
   * work.
   */
  public static Future<Void> write(Tx tx, String sql, Tuple params) {
    return tx.connection().preparedQuery(sql).execute(params).mapEmpty();
  }

  /** The one row {@code sql} finds, mapped; no row fails with what {@code missing} gives. */
  public static <T> Future<T> one(
      SqlClient client,
      String sql,
      Tuple params,
      Function<Row, T> mapper,
      Supplier<NotFound> missing) {
    return client
        .preparedQuery(sql)
        .execute(params)
        .compose(
            rows ->
                rows.size() == 0
                    ? Future.failedFuture(missing.get())
                    : Future.succeededFuture(mapper.apply(rows.iterator().next())));
  }

  /** The first row {@code sql} finds, mapped, or empty when there is none. */
  public static <T> Future<Optional<T>> first(
      SqlClient client, String sql, Tuple params, Function<Row, T> mapper) {
    return client
        .preparedQuery(sql)
        .execute(params)
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(mapper.apply(rows.iterator().next())));
  }

  /** Every row {@code sql} finds, mapped, in the order the statement gives them. */
  public static <T> Future<List<T>> all(
      SqlClient client, String sql, Tuple params, Function<Row, T> mapper) {
    return client
        .preparedQuery(sql)
        .execute(params)
        .map(rows -> rows.stream().map(mapper).toList());
  }
}

package io.mallbots.stores.adapters.pg;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.NotFound;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The few statement shapes the repositories share: a write in a transaction, one row, many rows. */
final class Sql {

  private Sql() {
  }

  static Future<Void> write(Tx tx, String sql, Tuple params) {
    return tx.connection().preparedQuery(sql).execute(params).mapEmpty();
  }

  /** The one row {@code sql} finds, mapped; no row fails with what {@code missing} gives. */
  static <T> Future<T> one(SqlClient client, String sql, Tuple params, Function<Row, T> mapper,
                           Supplier<NotFound> missing) {
    return client.preparedQuery(sql).execute(params).compose(rows -> rows.size() == 0
        ? Future.failedFuture(missing.get())
        : Future.succeededFuture(mapper.apply(rows.iterator().next())));
  }

  static <T> Future<List<T>> all(SqlClient client, String sql, Tuple params, Function<Row, T> mapper) {
    return client.preparedQuery(sql).execute(params).map(rows -> rows.stream().map(mapper).toList());
  }
}

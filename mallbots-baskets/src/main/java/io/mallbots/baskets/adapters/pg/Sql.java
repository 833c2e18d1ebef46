package io.mallbots.baskets.adapters.pg;

import io.mallbots.core.db.Tx;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.function.Function;

/** The statement shapes the repositories share: a write in a transaction, at most one row. */
final class Sql {

  private Sql() {
  }

  static Future<Void> write(Tx tx, String sql, Tuple params) {
    return tx.connection().preparedQuery(sql).execute(params).mapEmpty();
  }

  static <T> Future<Optional<T>> first(SqlClient client, String sql, Tuple params, Function<Row, T> mapper) {
    return client.preparedQuery(sql).execute(params)
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapper.apply(rows.iterator().next())));
  }
}

package io.mallbots.bench.probe;

import io.mallbots.core.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The fixed yardstick: PostgreSQL's rate for a plain transaction of two single-row inserts (what
 * {@code pgbench} does, minus its updates), issued through the same pools the services' writes use,
 * as many at once as those pools have connections, twice over (so a connection never waits for the
 * client). A design that spends fewer writes per order scores better against it.
 */
public final class YardstickProbe {

  private static final String CREATE_A =
      "CREATE TABLE IF NOT EXISTS yardstick_a (id bigserial PRIMARY KEY, "
          + "account integer NOT NULL, delta integer NOT NULL, at timestamptz NOT NULL DEFAULT now())";
  private static final String CREATE_B =
      "CREATE TABLE IF NOT EXISTS yardstick_b (id bigserial PRIMARY KEY, "
          + "account integer NOT NULL, delta integer NOT NULL, at timestamptz NOT NULL DEFAULT now())";
  private static final String INSERT_A = "INSERT INTO yardstick_a (account, delta) VALUES ($1, $2)";
  private static final String INSERT_B = "INSERT INTO yardstick_b (account, delta) VALUES ($1, $2)";

  private YardstickProbe() {}

  public static Future<ProbeResult> run(
      List<Database> pools, int connectionsPerPool, Duration time) {
    Future<Void> tables =
        Future.all(
                pools.stream()
                    .map(
                        db ->
                            db.pool()
                                .query(CREATE_A)
                                .execute()
                                .compose(v -> db.pool().query(CREATE_B).execute()))
                    .toList())
            .mapEmpty();
    int concurrency = 2 * pools.size() * connectionsPerPool;
    return tables
        .compose(
            v ->
                RateProbe.run(
                    concurrency,
                    time,
                    n -> {
                      Database db = pools.get((int) (n % pools.size()));
                      Tuple row = Tuple.of((int) (n % 100_000), (int) (n % 1000) - 500);
                      return db.pool()
                          .withTransaction(
                              connection ->
                                  connection
                                      .preparedQuery(INSERT_A)
                                      .execute(row)
                                      .compose(
                                          a -> connection.preparedQuery(INSERT_B).execute(row)));
                    }))
        .map(
            rate ->
                new ProbeResult(
                    "yardstick",
                    rate.perSecond(),
                    "tx/s",
                    "BEGIN; INSERT; INSERT; COMMIT through the services' pool settings, "
                        + concurrency
                        + " at once",
                    Map.of(
                        "transactions",
                        rate.done(),
                        "seconds",
                        round(rate.seconds()),
                        "concurrency",
                        concurrency,
                        "pools",
                        pools.size(),
                        "connectionsPerPool",
                        connectionsPerPool),
                    rate.errors()));
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}

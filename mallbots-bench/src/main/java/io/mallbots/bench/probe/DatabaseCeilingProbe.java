package io.mallbots.bench.probe;

import io.mallbots.core.db.Database;
import io.mallbots.ordering.agent.OrderingProbe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database ceiling: how many orders per second PostgreSQL can take when it does nothing but the
 * writes an order costs ({@link OrderWrites}), issued directly through pools with the services'
 * settings, many orders at once, their deliveries in full batches of {@code MESSAGE_BATCH_SIZE}
 * (the most a subscription hands over at once, so the ceiling stays an upper bound). The time
 * includes draining the outbox (the relays must keep up), so the ceiling is what the database could
 * sustain, not a burst.
 */
public final class DatabaseCeilingProbe {

  private static final String BACKLOG = "SELECT count(*) FROM outbox";

  private DatabaseCeilingProbe() {}

  public static Future<ProbeResult> run(
      Vertx vertx, ProbeDatabases databases, int concurrency, int batch, Duration time) {
    // Ordering snapshots an order every ORDER_SNAPSHOT_EVERY events, as the system under test does.
    int snapshotEvery = OrderingProbe.snapshotEvery(System.getenv());
    OrderWrites writes = new OrderWrites(databases, snapshotEvery);
    // Order numbers of this run: a second run on the same tables makes new ids.
    long firstOrder = System.currentTimeMillis() << 20;
    // As many orders in flight as without batches: lanes of a batch each.
    int lanes = Math.max(1, (concurrency + batch - 1) / batch);
    long[] startNanos = new long[1];
    return Future.<Void>succeededFuture()
        .compose(
            v -> {
              startNanos[0] = System.nanoTime();
              return RateProbe.run(lanes, time, n -> writes.orders(firstOrder + n * batch, batch));
            })
        .compose(
            rate ->
                drained(vertx, databases, System.nanoTime() + Duration.ofSeconds(30).toNanos())
                    .map(rate))
        .map(
            rate -> {
              double seconds = (System.nanoTime() - startNanos[0]) / 1e9;
              double orders = (double) rate.done() * batch;
              Map<String, Object> details = new LinkedHashMap<>();
              details.put("orders", rate.done() * batch);
              details.put("seconds", YardstickProbe.round(seconds));
              details.put("ordersInFlight", lanes * batch);
              details.put("batchSize", batch);
              details.put(
                  "transactionsPerOrder",
                  orders > 0 ? YardstickProbe.round(writes.transactions() / orders) : 0);
              details.put(
                  "statementsPerOrder",
                  orders > 0 ? YardstickProbe.round(writes.statements() / orders) : 0);
              details.put("outboxRowsPerOrder", OrderMessages.of(0).size());
              details.put("orderSnapshotEvery", snapshotEvery);
              return new ProbeResult(
                  "database ceiling",
                  seconds > 0 ? orders / seconds : 0,
                  "orders/s",
                  "every PostgreSQL write of one order (request transactions, inbox + effect per delivery, outbox, "
                      + "relay claim + delete, saga state) through the services' pool settings and core code, "
                      + lanes
                      + " lanes of "
                      + batch
                      + " orders, each lane's deliveries in batches of that size (MESSAGE_BATCH_SIZE), "
                      + "outbox drained",
                  details,
                  rate.errors());
            });
  }

  /** Completes when every probe outbox is empty (or at the deadline). */
  private static Future<Void> drained(Vertx vertx, ProbeDatabases databases, long deadlineNanos) {
    return Future.all(databases.all().stream().map(DatabaseCeilingProbe::backlog).toList())
        .compose(
            counts -> {
              long rows = counts.<Long>list().stream().mapToLong(Long::longValue).sum();
              if (rows == 0 || System.nanoTime() > deadlineNanos) {
                return Future.succeededFuture();
              }
              Promise<Void> later = Promise.promise();
              vertx.setTimer(20, id -> drained(vertx, databases, deadlineNanos).onComplete(later));
              return later.future();
            });
  }

  private static Future<Long> backlog(Database database) {
    return database.pool().query(BACKLOG).execute().map(rows -> rows.iterator().next().getLong(0));
  }
}

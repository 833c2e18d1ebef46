package io.mallbots.core.db;

import io.mallbots.core.config.RetentionSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the inbox, the dead letters and the saga command rejections from growing for ever: every
 * sweep interval it deletes their rows older than {@code INBOX_RETENTION}, a small batch per
 * statement. Parked outbox rows are never deleted here: they are events still to be delivered.
 *
 * <p>Every instance of a service sweeps; two sweeps at once skip each other's rows, so running it
 * twice costs nothing but a few queries.
 */
public final class Retention {

  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  /** A table the sweep keeps short, and the column that says when a row was written. */
  record Kept(String table, String writtenAt) {

    String deleteBatch() {
      return "DELETE FROM "
          + table
          + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM "
          + table
          + " WHERE "
          + writtenAt
          + " < $1 LIMIT $2 FOR UPDATE SKIP LOCKED))";
    }
  }

  static final List<Kept> KEPT =
      List.of(
          new Kept("inbox", "received_at"),
          new Kept("dead_letters", "dead_at"),
          new Kept("saga_command_rejections", "rejected_at"));

  private final Vertx vertx;
  private final Database database;
  private final RetentionSettings settings;
  private final Map<Kept, Counter> deletedRows = new HashMap<>();
  private long timer = -1;
  private boolean stopped;

  public Retention(Vertx vertx, Database database, RetentionSettings settings) {
    this.vertx = vertx;
    this.database = database;
    this.settings = settings;
    for (Kept kept : KEPT) {
      deletedRows.put(
          kept,
          Counter.builder("mallbots.retention.deleted.rows")
              .description("Rows the retention sweep deleted")
              .tag("schema", database.schema())
              .tag("table", kept.table())
              .register(Metrics.globalRegistry));
    }
  }

  /** Sweeps once a minute after the start (not during it), then every sweep interval. */
  public Retention start() {
    long first = Math.min(60_000, settings.sweepInterval().toMillis());
    timer = vertx.setTimer(first, id -> sweepAndReschedule());
    return this;
  }

  public void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }

  /** Deletes every kept table's rows older than the retention; succeeds with the rows deleted. */
  public Future<Long> sweep() {
    OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(settings.inbox());
    Future<Long> total = Future.succeededFuture(0L);
    for (Kept kept : KEPT) {
      total = total.compose(sum -> deleteOlder(kept, cutoff, 0).map(deleted -> sum + deleted));
    }
    return total;
  }

  private Future<Long> deleteOlder(Kept kept, OffsetDateTime cutoff, long deletedSoFar) {
    return database
        .pool()
        .preparedQuery(kept.deleteBatch())
        .execute(Tuple.of(cutoff, settings.batchSize()))
        .compose(
            result -> {
              int deleted = result.rowCount();
              deletedRows.get(kept).increment(deleted);
              long sum = deletedSoFar + deleted;
              return deleted < settings.batchSize() || stopped
                  ? Future.succeededFuture(sum)
                  : deleteOlder(kept, cutoff, sum);
            });
  }

  private void sweepAndReschedule() {
    sweep()
        .onSuccess(
            deleted -> {
              if (deleted > 0) {
                log.info(
                    "{}: deleted {} rows older than {} (INBOX_RETENTION)",
                    database.schema(),
                    deleted,
                    settings.inbox());
              }
            })
        .onFailure(e -> log.warn("{}: retention sweep failed: {}", database.schema(), e.toString()))
        .onComplete(
            done -> {
              if (!stopped) {
                timer =
                    vertx.setTimer(settings.sweepInterval().toMillis(), id -> sweepAndReschedule());
              }
            });
  }
}

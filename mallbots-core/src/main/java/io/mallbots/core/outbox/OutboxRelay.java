package io.mallbots.core.outbox;

import io.mallbots.core.config.CoreSettings.OutboxSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox: claims a batch of rows in {@code seq} order with {@code FOR UPDATE SKIP LOCKED}
 * (so several instances can relay side by side without publishing a row twice), publishes them, and
 * deletes them in the same transaction. Woken directly after local commits, and by a polling timer as
 * the fallback (rows an instance committed just before it died wait for another instance's poll). No
 * {@code NOTIFY}: it serializes the commits of the whole cluster. Exactly one relay runs per service
 * instance; all its work happens on the context that started it.
 */
public final class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final String CLAIM = "SELECT seq, id, topic, name, version, aggregate_id, payload, metadata "
      + "FROM outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED";
  private static final String DELETE = "DELETE FROM outbox WHERE seq = ANY($1)";
  private static final String BACKLOG = "SELECT count(*) AS rows, "
      + "COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS oldest FROM outbox";

  private final Vertx vertx;
  private final Database database;
  private final EventStream stream;
  private final OutboxSettings settings;
  private final AtomicLong backlogRows = new AtomicLong();
  private final AtomicLong oldestMillis = new AtomicLong();
  private Context context;
  private long pollTimer = -1;
  private boolean running;
  private boolean again;
  private boolean stopped;
  private Future<Integer> current = Future.succeededFuture(0);

  public OutboxRelay(Vertx vertx, Database database, EventStream stream, OutboxSettings settings) {
    this.vertx = vertx;
    this.database = database;
    this.stream = stream;
    this.settings = settings;
  }

  /** Starts relaying on the caller's context, with a first pass for rows left from before. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    database.onOutboxCommit(this::wake);
    Gauge.builder("mallbots.outbox.backlog", backlogRows, AtomicLong::get)
        .description("Outbox rows not yet published").tag("schema", database.schema()).register(Metrics.globalRegistry);
    Gauge.builder("mallbots.outbox.oldest.age.seconds", oldestMillis, v -> v.get() / 1000.0)
        .description("Age of the oldest unpublished outbox row").tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    pollTimer = vertx.setPeriodic(settings.pollInterval().toMillis(), id -> {
      measureBacklog();
      wake();
    });
    wake();
    return Future.succeededFuture();
  }

  /** Asks for a relay pass soon. Safe from any thread. */
  public void wake() {
    if (context != null) {
      context.runOnContext(v -> drain());
    }
  }

  /** Stops the relay after the batch in progress. */
  public Future<Void> stop() {
    return Future.future(p -> context.runOnContext(v -> {
      stopped = true;
      vertx.cancelTimer(pollTimer);
      current.onComplete(r -> p.complete());
    }));
  }

  private void drain() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    current = relayBatch();
    current.onComplete(result -> {
      running = false;
      if (result.failed()) {
        log.warn("outbox relay of {} failed, retrying at the next poll: {}", database.schema(), String.valueOf(result.cause()));
        return;
      }
      if (again || result.result() == settings.batchSize()) {
        drain();
      }
    });
  }

  private Future<Integer> relayBatch() {
    return database.pool().withTransaction(connection -> connection.preparedQuery(CLAIM)
        .execute(Tuple.of(settings.batchSize()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(0);
          }
          List<Message> messages = new ArrayList<>(rows.size());
          List<Long> seqs = new ArrayList<>(rows.size());
          String now = Instant.now().toString();
          for (Row row : rows) {
            seqs.add(row.getLong("seq"));
            messages.add(toMessage(row).withMetadata(Metadata.PUBLISHED_AT, now));
          }
          return stream.publish(messages).compose(v -> delete(connection, seqs)).map(messages.size());
        }));
  }

  private static Future<Void> delete(SqlConnection connection, List<Long> seqs) {
    return connection.preparedQuery(DELETE).execute(Tuple.of(seqs.toArray(Long[]::new))).mapEmpty();
  }

  private void measureBacklog() {
    database.reads().query(BACKLOG).execute().onSuccess(rows -> {
      Row row = rows.iterator().next();
      backlogRows.set(row.getLong("rows"));
      oldestMillis.set((long) (row.getNumeric("oldest").doubleValue() * 1000));
    });
  }

  private static Message toMessage(Row row) {
    JsonObject json = row.getJsonObject("metadata");
    Map<String, String> metadata = new HashMap<>();
    json.forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
    return new Message(row.getUUID("id").toString(), row.getString("topic"), row.getString("name"),
        row.getInteger("version"), row.getString("aggregate_id"), row.getBuffer("payload").getBytes(), metadata);
  }
}

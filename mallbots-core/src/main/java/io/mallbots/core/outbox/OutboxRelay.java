package io.mallbots.core.outbox;

import io.mallbots.core.config.CoreSettings.OutboxSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.micrometer.core.instrument.Counter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox: claims a batch of rows in {@code seq} order, publishes them, and deletes
 * the published ones in the same transaction. Woken directly after local commits, and by a polling
 * timer as the fallback (rows another instance committed wait for the active relay's poll). No
 * {@code NOTIFY}: it serializes the commits of the whole cluster. One relay runs per service
 * instance; all its work happens on the context that started it.
 *
 * <p><b>One active relay per schema.</b> Of the relays of one schema (one per instance), only the
 * one holding the schema's lease publishes: a PostgreSQL session-level advisory lock on a
 * connection of its own, on which it also runs its batches (docs/adr/0008). The others try to take
 * it every {@link OutboxSettings#leaseRetry()}; when the holder's session ends (its process died,
 * its connection was killed) PostgreSQL frees the lock and a standby takes over. A relay whose lock
 * session closed publishes no further row, not even the rest of the batch in progress. So an
 * aggregate's rows leave in {@code seq} order even with several instances; {@code
 * mallbots.outbox.relay.active} says which relay is the active one.
 *
 * <p><b>One bad row stops no one else.</b> The rows of a batch are published aggregate by
 * aggregate: the rows of one aggregate one after the other (the next only once the broker stored
 * the previous, so a refused row is never overtaken by a later one of its aggregate), different
 * aggregates side by side. A row the broker refuses, while it otherwise answers (another row went
 * through, or a ping succeeds), has an attempt counted ({@code attempts}, {@code last_error}); a
 * publish that timed out counts against no row (there was no answer about it); after {@link
 * OutboxSettings#maxAttempts()} it is moved to {@code outbox_parked} ({@code
 * mallbots.outbox.parked}, {@link ParkedOutbox}). While a row of an aggregate is parked, the later
 * rows of that aggregate stay in the outbox unclaimed: they keep their place, nothing of that
 * aggregate leaves out of order, and replaying the parked row lets them follow. Failures while the
 * broker does not answer at all count against no row: an outage parks nothing.
 */
public final class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final String CLAIM =
      "SELECT seq, id, topic, name, version, aggregate_id, payload, metadata, attempts "
          + "FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM outbox_parked p WHERE p.aggregate_id = o.aggregate_id) "
          + "ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED";
  private static final String DELETE = "DELETE FROM outbox WHERE seq = ANY($1)";
  private static final String COUNT_ATTEMPT =
      "UPDATE outbox SET attempts = $2, last_error = $3 WHERE seq = $1";
  private static final String PARK =
      "WITH moved AS (DELETE FROM outbox WHERE seq = $1 RETURNING *) "
          + "INSERT INTO outbox_parked (seq, id, topic, name, version, aggregate_id, payload, metadata, created_at, "
          + "attempts, last_error) SELECT seq, id, topic, name, version, aggregate_id, payload, metadata, created_at, $2, $3 "
          + "FROM moved";
  private static final String BACKLOG =
      "SELECT (SELECT count(*) FROM outbox) AS rows, "
          + "(SELECT count(*) FROM outbox o WHERE EXISTS (SELECT 1 FROM outbox_parked p WHERE p.aggregate_id = o.aggregate_id)) "
          + "AS held, (SELECT count(*) FROM outbox_parked) AS parked, "
          + "COALESCE((SELECT EXTRACT(EPOCH FROM now() - min(o.created_at)) FROM outbox o WHERE NOT EXISTS "
          + "(SELECT 1 FROM outbox_parked p WHERE p.aggregate_id = o.aggregate_id)), 0) AS oldest";
  private static final int MAX_ERROR_CHARS = 2_000;

  private final Vertx vertx;
  private final Database database;
  private final EventStream stream;
  private final OutboxSettings settings;
  private final AtomicLong backlogRows = new AtomicLong();
  private final AtomicLong heldRows = new AtomicLong();
  private final AtomicLong parkedRows = new AtomicLong();
  private final AtomicLong oldestMillis = new AtomicLong();
  private final RelayLease lease;
  private Context context;
  private long pollTimer = -1;
  private long leaseTimer = -1;
  private boolean running;
  private boolean again;
  private boolean stopped;
  private Future<Pass> current = Future.succeededFuture(Pass.EMPTY);

  public OutboxRelay(Vertx vertx, Database database, EventStream stream, OutboxSettings settings) {
    this.vertx = vertx;
    this.database = database;
    this.stream = stream;
    this.settings = settings;
    this.lease = new RelayLease(vertx, database);
  }

  /** Whether this relay holds its schema's lease and so is the one that publishes. */
  public boolean active() {
    return lease.held();
  }

  /** Starts relaying on the caller's context, with a first pass for rows left from before. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    database.onOutboxCommit(this::wake);
    Gauge.builder("mallbots.outbox.backlog", backlogRows, AtomicLong::get)
        .description("Outbox rows not yet published")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    Gauge.builder("mallbots.outbox.oldest.age.seconds", oldestMillis, v -> v.get() / 1000.0)
        .description("Age of the oldest unpublished outbox row not held behind a parked one")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    Gauge.builder("mallbots.outbox.parked.rows", parkedRows, AtomicLong::get)
        .description(
            "Outbox rows parked after failing to publish; replay them once the cause is fixed")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    Gauge.builder("mallbots.outbox.held.rows", heldRows, AtomicLong::get)
        .description("Outbox rows waiting behind a parked row of their aggregate")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    Gauge.builder("mallbots.outbox.relay.active", lease, l -> l.held() ? 1 : 0)
        .description("1 when this relay holds its schema's lease and publishes, 0 on a standby")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    leaseTimer = vertx.setPeriodic(settings.leaseRetry().toMillis(), id -> takeLease());
    pollTimer =
        vertx.setPeriodic(
            settings.pollInterval().toMillis(),
            id -> {
              measureBacklog();
              wake();
            });
    takeLease();
    return Future.succeededFuture();
  }

  private void takeLease() {
    if (stopped || lease.held()) {
      return;
    }
    lease
        .tryAcquire()
        .onSuccess(
            held -> {
              if (held) {
                drain();
              }
            });
  }

  /** Asks for a relay pass soon. Safe from any thread. */
  public void wake() {
    if (context != null) {
      context.runOnContext(v -> drain());
    }
  }

  /** Stops the relay after the batch in progress, and gives up its lease for a standby to take. */
  public Future<Void> stop() {
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  stopped = true;
                  vertx.cancelTimer(pollTimer);
                  vertx.cancelTimer(leaseTimer);
                  current.onComplete(r -> lease.release().onComplete(released -> p.complete()));
                }));
  }

  private void drain() {
    if (stopped || !lease.held()) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    current = relayBatch();
    current.onComplete(
        result -> {
          running = false;
          if (result.failed()) {
            log.warn(
                "outbox relay of {} failed, retrying at the next poll: {}",
                database.schema(),
                String.valueOf(result.cause()));
            return;
          }
          // A full batch that published nothing (the broker refuses everything) waits for the next
          // poll.
          Pass pass = result.result();
          pass.parkedTopics().forEach(this::countParked); // committed now
          if (again || (pass.claimed() == settings.batchSize() && pass.published() > 0)) {
            drain();
          }
        });
  }

  private Future<Pass> relayBatch() {
    // On the lease's own session: rows are claimed only while it holds the lock; if it dies,
    // nothing commits.
    return inLeaseTransaction(
        lease.connection(),
        connection ->
            connection
                .preparedQuery(CLAIM)
                .execute(Tuple.of(settings.batchSize()))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return Future.succeededFuture(Pass.EMPTY);
                      }
                      Map<String, List<Claimed>> byAggregate = new LinkedHashMap<>();
                      String now = Instant.now().toString();
                      for (Row row : rows) {
                        Claimed claimed =
                            new Claimed(
                                row.getLong("seq"),
                                toMessage(row).withMetadata(Metadata.PUBLISHED_AT, now),
                                row.getInteger("attempts"));
                        byAggregate
                            .computeIfAbsent(
                                claimed.message().aggregateId(), k -> new ArrayList<>())
                            .add(claimed);
                      }
                      List<Future<Outcome>> outcomes = new ArrayList<>(byAggregate.size());
                      byAggregate
                          .values()
                          .forEach(
                              aggregateRows ->
                                  outcomes.add(
                                      publishInOrder(aggregateRows, 0, new ArrayList<>())));
                      // publishInOrder never fails: every outcome is in when this completes
                      return Future.join(outcomes)
                          .transform(
                              ignored ->
                                  settle(connection, outcomes.stream().map(Future::result).toList())
                                      .map(pass -> pass.claimed(rows.size())));
                    }));
  }

  /**
   * Runs {@code work} in a transaction on the lease's session: commit when it succeeds, rollback
   * when it fails.
   */
  private static <T> Future<T> inLeaseTransaction(
      SqlConnection connection, Function<SqlConnection, Future<T>> work) {
    return connection
        .begin()
        .compose(
            tx ->
                work.apply(connection)
                    .transform(
                        result ->
                            result.succeeded()
                                ? tx.commit().map(result.result())
                                : tx.rollback()
                                    .otherwiseEmpty()
                                    .transform(ignored -> Future.<T>failedFuture(result.cause()))));
  }

  /**
   * Publishes one aggregate's rows from {@code index} on, each once the previous is stored; stops
   * at a failure.
   */
  private Future<Outcome> publishInOrder(List<Claimed> rows, int index, List<Long> published) {
    if (index == rows.size() || !lease.held()) {
      // Without the lease another relay may be publishing these rows already: send none of the
      // rest.
      return Future.succeededFuture(new Outcome(published, null, null));
    }
    Claimed row = rows.get(index);
    Future<Void> sent;
    try {
      sent = stream.publish(List.of(row.message()));
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    return sent.transform(
        result -> {
          if (result.failed()) {
            return Future.succeededFuture(new Outcome(published, row, result.cause()));
          }
          published.add(row.seq());
          return publishInOrder(rows, index + 1, published);
        });
  }

  /** Deletes what was published; counts an attempt against each refused row, or parks it. */
  private Future<Pass> settle(SqlConnection connection, List<Outcome> outcomes) {
    List<Long> published = new ArrayList<>();
    List<Outcome> refused = new ArrayList<>();
    List<Outcome> unanswered = new ArrayList<>();
    for (Outcome outcome : outcomes) {
      published.addAll(outcome.published());
      if (outcome.failed() != null) {
        // A timeout is no answer about the row (a partition or stream without a leader, say): not
        // its fault.
        (timedOut(outcome.error()) ? unanswered : refused).add(outcome);
      }
    }
    if (!unanswered.isEmpty()) {
      log.warn(
          "outbox relay of {}: no answer publishing {} row(s), e.g. {}: {}",
          database.schema(),
          unanswered.size(),
          unanswered.get(0).failed().message(),
          String.valueOf(unanswered.get(0).error()));
    }
    Future<Void> deleted =
        published.isEmpty() ? Future.succeededFuture() : delete(connection, published);
    if (refused.isEmpty()) {
      return deleted.map(new Pass(0, published.size(), List.of()));
    }
    // Whether the row is to blame or the broker: only a broker that answers makes it the row's
    // attempt.
    Future<Boolean> brokerAnswers =
        !published.isEmpty()
            ? Future.succeededFuture(true)
            : stream.ping().map(true).otherwise(false);
    return deleted
        .compose(v -> brokerAnswers)
        .compose(
            answers -> {
              if (!answers) {
                log.warn(
                    "outbox relay of {}: {} row(s) not published, the broker does not answer: {}",
                    database.schema(),
                    refused.size(),
                    String.valueOf(refused.get(0).error()));
                return Future.succeededFuture(new Pass(0, published.size(), List.of()));
              }
              List<Tuple> attempts = new ArrayList<>();
              List<Tuple> parked = new ArrayList<>();
              List<String> parkedTopics = new ArrayList<>();
              for (Outcome outcome : refused) {
                Claimed row = outcome.failed();
                int attempt = row.attempts() + 1;
                String error = describe(outcome.error());
                Tuple values = Tuple.of(row.seq(), attempt, error);
                if (attempt >= settings.maxAttempts()) {
                  parked.add(values);
                  parkedTopics.add(row.message().topic());
                  log.error(
                      "outbox relay of {}: parked {} after {} failed publishes (POST /outbox/parked/{}/replay once "
                          + "fixed; later rows of aggregate {} wait for it): {}",
                      database.schema(),
                      row.message(),
                      attempt,
                      row.message().id(),
                      row.message().aggregateId(),
                      error);
                } else {
                  attempts.add(values);
                  log.warn(
                      "outbox relay of {}: publishing {} failed (attempt {} of {}): {}",
                      database.schema(),
                      row.message(),
                      attempt,
                      settings.maxAttempts(),
                      error);
                }
              }
              Future<Void> counted =
                  attempts.isEmpty()
                      ? Future.succeededFuture()
                      : connection.preparedQuery(COUNT_ATTEMPT).executeBatch(attempts).mapEmpty();
              Future<Void> moved =
                  counted.compose(
                      v ->
                          parked.isEmpty()
                              ? Future.succeededFuture()
                              : connection
                                  .preparedQuery(PARK)
                                  .executeBatch(parked)
                                  .<Void>mapEmpty());
              return moved.map(new Pass(0, published.size(), parkedTopics));
            });
  }

  private void countParked(String topic) {
    parkedRows.incrementAndGet();
    Counter.builder("mallbots.outbox.parked")
        .description("Outbox rows parked after failing to publish")
        .tags("schema", database.schema(), "topic", topic)
        .register(Metrics.globalRegistry)
        .increment();
  }

  private static boolean timedOut(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass()
          .getSimpleName()
          .contains("Timeout")) { // java.util.concurrent's, Kafka's, jnats'
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable error) {
    String text = String.valueOf(error);
    return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) : text;
  }

  private static Future<Void> delete(SqlConnection connection, List<Long> seqs) {
    return connection.preparedQuery(DELETE).execute(Tuple.of(seqs.toArray(Long[]::new))).mapEmpty();
  }

  private void measureBacklog() {
    database
        .reads()
        .query(BACKLOG)
        .execute()
        .onSuccess(
            rows -> {
              Row row = rows.iterator().next();
              backlogRows.set(row.getLong("rows"));
              heldRows.set(row.getLong("held"));
              parkedRows.set(row.getLong("parked"));
              oldestMillis.set((long) (row.getNumeric("oldest").doubleValue() * 1000));
            });
  }

  static Message toMessage(Row row) {
    JsonObject json = row.getJsonObject("metadata");
    Map<String, String> metadata = new HashMap<>();
    json.forEach(e -> metadata.put(e.getKey(), String.valueOf(e.getValue())));
    return new Message(
        row.getUUID("id").toString(),
        row.getString("topic"),
        row.getString("name"),
        row.getInteger("version"),
        row.getString("aggregate_id"),
        row.getBuffer("payload").getBytes(),
        metadata);
  }

  /** A claimed row. */
  private record Claimed(long seq, Message message, int attempts) {}

  /**
   * What publishing one aggregate's rows of a batch came to: the rows stored, and the one refused
   * if any.
   */
  private record Outcome(List<Long> published, Claimed failed, Throwable error) {}

  /** Rows claimed and published by one pass, and the topics of the rows it parked. */
  private record Pass(int claimed, int published, List<String> parkedTopics) {
    static final Pass EMPTY = new Pass(0, 0, List.of());

    Pass claimed(int rows) {
      return new Pass(rows, published, parkedTopics);
    }
  }
}

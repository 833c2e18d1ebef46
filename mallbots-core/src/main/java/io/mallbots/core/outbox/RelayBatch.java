package io.mallbots.core.outbox;

import io.mallbots.core.config.CoreSettings.OutboxSettings;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.messaging.Outages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the {@link OutboxRelay}: in one transaction on the lease's session, claims a batch of
 * rows in {@code seq} order by deleting them (one statement), publishes them aggregate by
 * aggregate, puts back those not published, and charges an attempt to (or parks) each row the
 * broker refused for reasons of its own. A failure that says the broker is unavailable ({@link
 * Outages#isBrokerOutage}) charges no row: the pass reports the outage and the relay waits ({@link
 * BrokerOutage}). Runs on the relay's context.
 */
final class RelayBatch {

  private static final Logger log = LoggerFactory.getLogger(RelayBatch.class);
  // Claims by deleting: the rows published need no second statement, and the pass's transaction
  // holds them (a crash or a lost lease rolls the delete back). The rows not published are put back
  // (RESTORE) before the commit, as they were, under the same seq.
  private static final String CLAIM =
      "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox o WHERE NOT EXISTS "
          + "(SELECT 1 FROM outbox_parked p WHERE p.aggregate_id = o.aggregate_id) "
          + "ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED) "
          + "RETURNING seq, id, topic, name, version, aggregate_id, payload, metadata, attempts, "
          + "last_error, created_at";
  private static final String RESTORE =
      "INSERT INTO outbox (seq, id, topic, name, version, aggregate_id, payload, metadata, attempts, "
          + "last_error, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
  private static final String COUNT_ATTEMPT =
      "UPDATE outbox SET attempts = $2, last_error = $3 WHERE seq = $1";
  private static final String PARK =
      "WITH moved AS (DELETE FROM outbox WHERE seq = $1 RETURNING *) "
          + "INSERT INTO outbox_parked (seq, id, topic, name, version, aggregate_id, payload, metadata, created_at, "
          + "attempts, last_error) SELECT seq, id, topic, name, version, aggregate_id, payload, metadata, created_at, $2, $3 "
          + "FROM moved";
  private static final int MAX_ERROR_CHARS = 2_000;

  private final String schema;
  private final EventStream stream;
  private final OutboxSettings settings;
  private final RelayLease lease;

  RelayBatch(String schema, EventStream stream, OutboxSettings settings, RelayLease lease) {
    this.schema = schema;
    this.stream = stream;
    this.settings = settings;
    this.lease = lease;
  }

  /**
   * Runs one pass on the lease's session: rows are claimed only while it holds the lock; if it
   * dies, nothing commits.
   */
  Future<Pass> run() {
    SqlConnection connection = lease.connection();
    if (connection == null) {
      return Future.failedFuture(new IllegalStateException("the lease session is closed"));
    }
    Future<Transaction> begun = connection.begin();
    // Sent right behind BEGIN, in the same transaction, without waiting for its answer: one round
    // trip less per pass (most passes find nothing).
    Future<RowSet<Row>> claimed =
        connection.preparedQuery(CLAIM).execute(Tuple.of(settings.batchSize()));
    return begun.compose(
        tx ->
            claimed
                .compose(rows -> publish(connection, rows))
                .transform(
                    result ->
                        result.succeeded()
                            ? tx.commit().map(result.result())
                            : tx.rollback()
                                .otherwiseEmpty()
                                .transform(ignored -> Future.<Pass>failedFuture(result.cause()))));
  }

  private Future<Pass> publish(SqlConnection connection, RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.succeededFuture(Pass.EMPTY);
    }
    Map<String, List<Claimed>> byAggregate = new LinkedHashMap<>();
    String now = Instant.now().toString();
    List<Row> inOrder = new ArrayList<>(rows.size());
    rows.forEach(inOrder::add);
    // DELETE ... RETURNING gives no order
    inOrder.sort(Comparator.comparingLong(row -> row.getLong("seq")));
    for (Row row : inOrder) {
      Claimed claimed =
          new Claimed(
              row.getLong("seq"),
              toMessage(row).withMetadata(Metadata.PUBLISHED_AT, now),
              row.getInteger("attempts"));
      byAggregate
          .computeIfAbsent(claimed.message().aggregateId(), k -> new ArrayList<>())
          .add(claimed);
    }
    List<Future<Outcome>> outcomes = new ArrayList<>(byAggregate.size());
    byAggregate
        .values()
        .forEach(ofOne -> outcomes.add(publishInOrder(ofOne, 0, new ArrayList<>())));
    // publishInOrder never fails: every outcome is in when this completes
    return Future.join(outcomes)
        .transform(
            ignored -> {
              List<Outcome> done = outcomes.stream().map(Future::result).toList();
              return restore(connection, inOrder, done)
                  .compose(v -> settle(connection, done, rows.size()));
            });
  }

  /**
   * Puts back the claimed rows that were not published, as they were, so that charging, parking and
   * the next pass find them where the claim found them.
   */
  private Future<Void> restore(SqlConnection connection, List<Row> claimed, List<Outcome> done) {
    Set<Long> published = new HashSet<>();
    done.forEach(outcome -> published.addAll(outcome.published()));
    List<Tuple> back = new ArrayList<>();
    for (Row row : claimed) {
      if (!published.contains(row.getLong("seq"))) {
        back.add(
            Tuple.of(
                row.getLong("seq"),
                row.getUUID("id"),
                row.getString("topic"),
                row.getString("name"),
                row.getInteger("version"),
                row.getString("aggregate_id"),
                row.getBuffer("payload"),
                row.getJsonObject("metadata"),
                row.getInteger("attempts"),
                row.getString("last_error"),
                row.getOffsetDateTime("created_at")));
      }
    }
    return back.isEmpty()
        ? Future.succeededFuture()
        : connection.preparedQuery(RESTORE).executeBatch(back).mapEmpty();
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

  /** Charges an attempt to each refused row, or parks it, unless the broker is unavailable. */
  private Future<Pass> settle(SqlConnection connection, List<Outcome> outcomes, int claimed) {
    List<Long> published = new ArrayList<>();
    List<Outcome> refused = new ArrayList<>();
    Throwable outage = null;
    int unpublished = 0;
    for (Outcome outcome : outcomes) {
      published.addAll(outcome.published());
      if (outcome.failed() == null) {
        continue;
      }
      if (Outages.isBrokerOutage(outcome.error())) {
        // No answer about the row (no responders, a stream or partition without a leader, a
        // timeout): not its fault.
        outage = outage == null ? outcome.error() : outage;
        unpublished++;
      } else {
        refused.add(outcome);
      }
    }
    Pass done = new Pass(claimed, published.size(), List.of(), unpublished, outage);
    if (refused.isEmpty()) {
      return Future.succeededFuture(done);
    }
    // Whether the row is to blame or the broker: only a broker that answers, and shows no outage
    // in this pass, makes it the row's attempt.
    Future<Boolean> brokerAnswers =
        outage != null
            ? Future.succeededFuture(false)
            : !published.isEmpty()
                ? Future.succeededFuture(true)
                : stream.ping().map(true).otherwise(false);
    return brokerAnswers.compose(
        answers ->
            answers
                ? charge(connection, refused).map(done::parked)
                : Future.succeededFuture(
                    new Pass(
                        claimed,
                        published.size(),
                        List.of(),
                        done.unpublished() + refused.size(),
                        done.outage() != null ? done.outage() : refused.get(0).error())));
  }

  /**
   * Charges each refused row an attempt, parking those at the last; succeeds with the parked rows'
   * topics.
   */
  private Future<List<String>> charge(SqlConnection connection, List<Outcome> refused) {
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
            schema,
            row.message(),
            attempt,
            row.message().id(),
            row.message().aggregateId(),
            error);
      } else {
        attempts.add(values);
        log.warn(
            "outbox relay of {}: publishing {} failed (attempt {} of {}): {}",
            schema,
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
    return counted
        .compose(
            v ->
                parked.isEmpty()
                    ? Future.succeededFuture()
                    : connection.preparedQuery(PARK).executeBatch(parked).<Void>mapEmpty())
        .map(parkedTopics);
  }

  private static String describe(Throwable error) {
    String text = String.valueOf(error);
    return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) : text;
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

  /**
   * What one pass did: rows claimed and published, the topics of the rows it parked, and the rows
   * left unpublished for an outage ({@code outage}, one of its errors; null when there was none).
   */
  record Pass(
      int claimed, int published, List<String> parkedTopics, int unpublished, Throwable outage) {
    static final Pass EMPTY = new Pass(0, 0, List.of(), 0, null);

    Pass parked(List<String> topics) {
      return new Pass(claimed, published, topics, unpublished, outage);
    }
  }
}

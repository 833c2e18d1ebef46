package io.mallbots.core.outbox;

import io.mallbots.core.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * The outbox rows the {@link OutboxRelay} gave up publishing ({@code outbox_parked}): an operator
 * lists them and, once the cause is fixed (a broker or topic limit raised, a topic allowed),
 * replays one. A replay moves the row back into the outbox under its own {@code seq}, so it goes
 * out ahead of the later rows of its aggregate that waited for it, with its own message id (it
 * never reached the broker, or if it did, every inbox and the NATS deduplication keep it once).
 * Thread-safe; futures complete on the caller's context.
 */
public final class ParkedOutbox {

  private static final String LIST =
      "SELECT id, topic, name, aggregate_id, length(payload) AS bytes, attempts, "
          + "last_error, created_at, parked_at FROM outbox_parked ORDER BY parked_at DESC, seq DESC LIMIT $1";
  private static final String REPLAY =
      "WITH moved AS (DELETE FROM outbox_parked WHERE id = $1 RETURNING *) "
          + "INSERT INTO outbox (seq, id, topic, name, version, aggregate_id, payload, metadata, created_at) "
          + "SELECT seq, id, topic, name, version, aggregate_id, payload, metadata, created_at FROM moved RETURNING seq";

  /** What a replay request found. */
  public enum Replay {
    REPLAYED,
    NOT_FOUND
  }

  private final Database database;

  public ParkedOutbox(Database database) {
    this.database = database;
  }

  /**
   * The {@code limit} most recently parked rows (without their payloads), as JSON for the operator.
   */
  public Future<List<JsonObject>> newest(int limit) {
    return database
        .reads()
        .preparedQuery(LIST)
        .execute(Tuple.of(limit))
        .map(
            rows ->
                StreamSupport.stream(rows.spliterator(), false)
                    .map(ParkedOutbox::summary)
                    .toList());
  }

  /** Moves the parked row {@code id} back to the outbox, where the relay publishes it next. */
  public Future<Replay> replay(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException notAnId) {
      return Future.succeededFuture(Replay.NOT_FOUND);
    }
    return database.inTransaction(
        tx ->
            tx.connection()
                .preparedQuery(REPLAY)
                .execute(Tuple.of(uuid))
                .map(
                    rows -> {
                      if (rows.size() == 0) {
                        return Replay.NOT_FOUND;
                      }
                      tx.markOutboxWritten(); // wakes this instance's relay at commit
                      return Replay.REPLAYED;
                    }));
  }

  private static JsonObject summary(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("topic", row.getString("topic"))
        .put("name", row.getString("name"))
        .put("aggregateId", row.getString("aggregate_id"))
        .put("bytes", row.getInteger("bytes"))
        .put("attempts", row.getInteger("attempts"))
        .put("lastError", row.getString("last_error"))
        .put("createdAt", String.valueOf(row.getValue("created_at")))
        .put("parkedAt", String.valueOf(row.getValue("parked_at")));
  }
}

package io.mallbots.core.deadletters;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * The messages this service's subscribers gave up on, kept in its own schema next to the copy on
 * {@code <topic>.dlq}: an operator lists them and, once the cause is fixed, replays one. A replay
 * goes out through the outbox to the original topic under a new id that names the original ({@link
 * Metadata#REPLAY_OF}), so the broker does not drop it as a duplicate while every inbox that
 * already had it still acts once.
 */
public final class DeadLetters {

  private static final String RECORD =
      "INSERT INTO dead_letters (message_id, subscriber, topic, name, version, "
          + "aggregate_id, payload, metadata, reason, attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
          + "ON CONFLICT DO NOTHING";
  private static final String LIST =
      "SELECT message_id, subscriber, topic, name, aggregate_id, reason, attempts, "
          + "dead_at, replayed_at FROM dead_letters ORDER BY dead_at DESC LIMIT $1";
  private static final String CLAIM =
      "SELECT * FROM dead_letters WHERE message_id = $1 AND subscriber = $2 FOR UPDATE";
  private static final String MARK =
      "UPDATE dead_letters SET replayed_at = now() WHERE message_id = $1 AND subscriber = $2";

  /** What a replay request found. */
  public enum Replay {
    REPLAYED,
    NOT_FOUND,
    ALREADY_REPLAYED
  }

  private final Database database;

  public DeadLetters(Database database) {
    this.database = database;
  }

  /** The database of the service whose dead letters these are. */
  public Database database() {
    return database;
  }

  /**
   * Keeps {@code letter} (as {@link Message#asDeadLetter} addressed it to the DLQ topic); a second
   * copy is ignored.
   */
  public Future<Void> record(Message letter) {
    return database.pool().preparedQuery(RECORD).execute(row(letter)).mapEmpty();
  }

  /**
   * For a handler that knows at once that a message can never act (trying again cannot help): keeps
   * {@code letter} and sends it to its DLQ topic through the outbox, both in the handling
   * transaction {@code tx}, so they commit with the inbox record and nothing is retried first.
   */
  public static Future<Void> record(Tx tx, Message letter) {
    // The outbox keys rows by UUID: every MallBots message id is one; a foreign id travels under a
    // fresh one.
    Message outgoing =
        isUuid(letter.id())
            ? letter
            : new Message(
                UUID.randomUUID().toString(),
                letter.topic(),
                letter.name(),
                letter.version(),
                letter.aggregateId(),
                letter.payload(),
                letter.metadata());
    return tx.connection()
        .preparedQuery(RECORD)
        .execute(row(letter))
        .compose(kept -> Outbox.append(tx, outgoing));
  }

  private static Tuple row(Message letter) {
    String topic =
        Optional.ofNullable(letter.metadata(Metadata.ORIGINAL_TOPIC)).orElse(letter.topic());
    return Tuple.tuple(
        List.of(
            letter.id(),
            Optional.ofNullable(letter.metadata(Metadata.DEAD_LETTER_GROUP)).orElse("unknown"),
            topic,
            letter.name(),
            letter.version(),
            letter.aggregateId(),
            io.vertx.core.buffer.Buffer.buffer(letter.payload()),
            new JsonObject(new HashMap<>(letter.metadata())),
            Optional.ofNullable(letter.metadata(Metadata.DEAD_LETTER_REASON)).orElse(""),
            parse(letter.metadata(Metadata.ATTEMPTS))));
  }

  private static boolean isUuid(String id) {
    try {
      UUID.fromString(id);
      return true;
    } catch (IllegalArgumentException notOne) {
      return false;
    }
  }

  /** The newest {@code limit} dead letters, as JSON for the operator. */
  public Future<List<JsonObject>> newest(int limit) {
    return database
        .reads()
        .preparedQuery(LIST)
        .execute(Tuple.of(limit))
        .map(
            rows ->
                StreamSupport.stream(rows.spliterator(), false).map(DeadLetters::summary).toList());
  }

  /** Publishes the dead letter of {@code subscriber} again, once. */
  public Future<Replay> replay(String messageId, String subscriber) {
    return database.inTransaction(
        tx ->
            tx.connection()
                .preparedQuery(CLAIM)
                .execute(Tuple.of(messageId, subscriber))
                .compose(
                    rows -> {
                      if (rows.size() == 0) {
                        return Future.succeededFuture(Replay.NOT_FOUND);
                      }
                      Row row = rows.iterator().next();
                      if (row.getValue("replayed_at") != null) {
                        return Future.succeededFuture(Replay.ALREADY_REPLAYED);
                      }
                      return Outbox.append(tx, again(row))
                          .compose(
                              v ->
                                  tx.connection()
                                      .preparedQuery(MARK)
                                      .execute(Tuple.of(messageId, subscriber)))
                          .map(Replay.REPLAYED);
                    }));
  }

  private static Message again(Row row) {
    Map<String, String> metadata = new HashMap<>();
    row.getJsonObject("metadata")
        .forEach(entry -> metadata.put(entry.getKey(), String.valueOf(entry.getValue())));
    List.of(
            Metadata.ORIGINAL_TOPIC,
            Metadata.DEAD_LETTER_REASON,
            Metadata.ATTEMPTS,
            Metadata.DEAD_LETTER_GROUP,
            "dlq-at")
        .forEach(metadata::remove);
    String original = row.getString("message_id");
    metadata.put(Metadata.REPLAY_OF, metadata.getOrDefault(Metadata.REPLAY_OF, original));
    return new Message(
        UUID.randomUUID().toString(),
        row.getString("topic"),
        row.getString("name"),
        row.getInteger("version"),
        row.getString("aggregate_id"),
        row.getBuffer("payload").getBytes(),
        metadata);
  }

  private static JsonObject summary(Row row) {
    return new JsonObject()
        .put("messageId", row.getString("message_id"))
        .put("subscriber", row.getString("subscriber"))
        .put("topic", row.getString("topic"))
        .put("name", row.getString("name"))
        .put("aggregateId", row.getString("aggregate_id"))
        .put("reason", row.getString("reason"))
        .put("attempts", row.getInteger("attempts"))
        .put("deadAt", String.valueOf(row.getValue("dead_at")))
        .put(
            "replayedAt",
            row.getValue("replayed_at") == null
                ? null
                : String.valueOf(row.getValue("replayed_at")));
  }

  private static int parse(String number) {
    try {
      return number == null ? 0 : Integer.parseInt(number);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

package io.mallbots.core.inbox;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.BatchHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageBatch;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Metadata;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exactly-once effects over at-least-once delivery: each message's id is recorded per subscriber in
 * the same transaction as its effect, and a message already recorded is acknowledged without
 * effect. A batch of messages shares one transaction: all their records and effects commit together
 * or not at all, so a batch retried message by message after a failure still has each effect once.
 */
public final class Inbox {

  private static final String RECORD =
      "INSERT INTO inbox (subscriber, message_id, name) VALUES ($1, $2, $3) "
          + "ON CONFLICT DO NOTHING";

  private static final String RECORD_ALL =
      "INSERT INTO inbox (subscriber, message_id, name) "
          + "SELECT $1, m.id, m.name FROM unnest($2::text[], $3::text[]) AS m(id, name) "
          + "ON CONFLICT DO NOTHING RETURNING message_id";

  private Inbox() {}

  /**
   * Records the message; succeeds with {@code true} the first time, {@code false} for a redelivery.
   * A replayed dead letter counts as the message it replays, so only the subscribers that failed on
   * it act.
   */
  public static Future<Boolean> firstDelivery(Tx tx, String subscriber, Message message) {
    return tx.connection()
        .preparedQuery(RECORD)
        .execute(Tuple.of(subscriber, idOf(message), message.name()))
        .map(result -> result.rowCount() == 1);
  }

  /**
   * Records all of {@code messages} with one statement; succeeds with the inbox ids ({@link #idOf})
   * recorded now, i.e. of the messages delivered for the first time.
   */
  public static Future<Set<String>> firstDeliveries(
      Tx tx, String subscriber, List<Message> messages) {
    Map<String, String> nameById = new LinkedHashMap<>();
    messages.forEach(m -> nameById.putIfAbsent(idOf(m), m.name()));
    return tx.connection()
        .preparedQuery(RECORD_ALL)
        .execute(
            Tuple.of(
                subscriber,
                nameById.keySet().toArray(String[]::new),
                nameById.values().toArray(String[]::new)))
        .map(
            rows -> {
              Set<String> first = new HashSet<>();
              for (Row row : rows) {
                first.add(row.getString(0));
              }
              return first;
            });
  }

  /**
   * A handler that applies {@code effect} once per message id, in one transaction with the inbox,
   * one message or a whole batch at a time. A message the effect passes over costs no transaction:
   * with no effect there is nothing to do only once.
   */
  public static BatchHandler exactlyOnce(
      Database database, String subscriber, TxMessageHandler effect) {
    MessageHandler single =
        message ->
            effect.passesOver(message.name())
                ? Future.succeededFuture()
                : database.inTransaction(
                    tx ->
                        firstDelivery(tx.causedBy(message), subscriber, message)
                            .compose(
                                first ->
                                    first ? effect.handle(tx, message) : Future.succeededFuture()));
    return BatchHandler.of(
        single, batch -> inOneTransaction(database, subscriber, batch, effect, null));
  }

  /**
   * Applies a batch in one transaction: records every message the effect does not pass over, then,
   * in order, runs {@code first} for those delivered for the first time and {@code again} (if not
   * null) for the others, each in its message's span and with the transaction {@link Tx#causedBy}
   * it. Any failure rolls back all of it.
   */
  public static Future<Void> inOneTransaction(
      Database database,
      String subscriber,
      MessageBatch batch,
      TxMessageHandler first,
      TxMessageHandler again) {
    List<Message> acting =
        batch.messages().stream().filter(m -> !first.passesOver(m.name())).toList();
    if (acting.isEmpty()) {
      return Future.succeededFuture();
    }
    return database.inTransaction(
        tx ->
            firstDeliveries(tx, subscriber, acting)
                .compose(
                    firstIds -> {
                      Set<String> applied = new HashSet<>();
                      Future<Void> chain = Future.succeededFuture();
                      for (Message message : acting) {
                        // A replay and its original in one batch: the first of them acts.
                        boolean isFirst =
                            firstIds.contains(idOf(message)) && applied.add(idOf(message));
                        TxMessageHandler work = isFirst ? first : again;
                        if (work != null) {
                          chain =
                              chain.compose(
                                  v ->
                                      batch.handling(
                                          message,
                                          () -> work.handle(tx.causedBy(message), message)));
                        }
                      }
                      return chain;
                    }));
  }

  /** The id the inbox records: a replayed dead letter's is the id of the message it replays. */
  static String idOf(Message message) {
    String replayed = message.metadata(Metadata.REPLAY_OF);
    return replayed != null ? replayed : message.id();
  }
}

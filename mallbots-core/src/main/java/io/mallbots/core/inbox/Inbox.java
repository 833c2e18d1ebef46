package io.mallbots.core.inbox;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Metadata;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;

/**
 * Exactly-once effects over at-least-once delivery: each message's id is recorded per subscriber in
 * the same transaction as its effect, and a message already recorded is acknowledged without
 * effect.
 */
public final class Inbox {

  private static final String RECORD =
      "INSERT INTO inbox (subscriber, message_id, name) VALUES ($1, $2, $3) "
          + "ON CONFLICT DO NOTHING";

  private Inbox() {}

  /**
   * Records the message; succeeds with {@code true} the first time, {@code false} for a redelivery.
   * A replayed dead letter counts as the message it replays, so only the subscribers that failed on
   * it act.
   */
  public static Future<Boolean> firstDelivery(Tx tx, String subscriber, Message message) {
    String id =
        message.metadata(Metadata.REPLAY_OF) != null
            ? message.metadata(Metadata.REPLAY_OF)
            : message.id();
    return tx.connection()
        .preparedQuery(RECORD)
        .execute(Tuple.of(subscriber, id, message.name()))
        .map(result -> result.rowCount() == 1);
  }

  /**
   * A handler that applies {@code effect} once per message id, in one transaction with the inbox. A
   * message the effect passes over costs no transaction: with no effect there is nothing to do only
   * once.
   */
  public static MessageHandler exactlyOnce(
      Database database, String subscriber, TxMessageHandler effect) {
    return message ->
        effect.passesOver(message.name())
            ? Future.succeededFuture()
            : database.inTransaction(
                tx ->
                    firstDelivery(tx.causedBy(message), subscriber, message)
                        .compose(
                            first ->
                                first ? effect.handle(tx, message) : Future.succeededFuture()));
  }
}

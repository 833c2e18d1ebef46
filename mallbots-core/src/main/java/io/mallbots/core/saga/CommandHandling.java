package io.mallbots.core.saga;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.DomainException;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.BatchHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Runs a saga command exactly once and answers it: the effect, the inbox record and a success reply
 * commit together; a business rejection ({@link DomainException}) rolls the effect back and commits
 * the inbox record, the rejection and a failure reply instead. Any other failure is technical:
 * nothing commits and the stream retries the command.
 *
 * <p>A redelivery of the same envelope has no effect and no second reply. A command the
 * orchestrator sends again because it got no reply (a new envelope naming the first one in {@link
 * Metadata#REPLAY_OF}) has no second effect either, but is answered again with the first answer:
 * the reply may be what was lost.
 *
 * <p>A batch of commands runs in one transaction, effects and success replies; a rejection fails
 * the whole batch, which the subscription then handles command by command, where the rejection is
 * recorded and answered as above.
 */
public final class CommandHandling {

  private static final String RECORD_REJECTION =
      "INSERT INTO saga_command_rejections (subscriber, command_id, code, "
          + "reason) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
  private static final String FIND_REJECTION =
      "SELECT code, reason FROM saga_command_rejections "
          + "WHERE subscriber = $1 AND command_id = $2";

  private CommandHandling() {}

  public static BatchHandler exactlyOnce(
      Database database, String subscriber, TxMessageHandler effect) {
    TxMessageHandler answered =
        new TxMessageHandler() {
          @Override
          public Future<Void> handle(Tx tx, Message command) {
            return effect
                .handle(tx, command)
                .compose(v -> Outbox.append(tx, CommandReplies.success(command)));
          }

          @Override
          public boolean passesOver(String name) {
            return effect.passesOver(name);
          }
        };
    return BatchHandler.of(
        one(database, subscriber, effect),
        batch ->
            Inbox.inOneTransaction(
                database,
                subscriber,
                batch,
                answered,
                (tx, command) -> answerAgain(tx, subscriber, command)));
  }

  private static MessageHandler one(Database database, String subscriber, TxMessageHandler effect) {
    return command -> {
      if (effect.passesOver(command.name())) {
        return Future.succeededFuture();
      }
      return database
          .inTransaction(
              tx ->
                  Inbox.firstDelivery(tx.causedBy(command), subscriber, command)
                      .compose(
                          first ->
                              first
                                  ? effect
                                      .handle(tx, command)
                                      .compose(
                                          v -> Outbox.append(tx, CommandReplies.success(command)))
                                  : answerAgain(tx, subscriber, command)))
          .recover(
              failure -> {
                if (!(failure instanceof DomainException rejection)) {
                  return Future.failedFuture(failure);
                }
                return database.inTransaction(
                    tx ->
                        Inbox.firstDelivery(tx.causedBy(command), subscriber, command)
                            .compose(
                                first ->
                                    first
                                        ? reject(tx, subscriber, command, rejection)
                                        : answerAgain(tx, subscriber, command)));
              });
    };
  }

  private static Future<Void> reject(
      Tx tx, String subscriber, Message command, DomainException rejection) {
    return tx.connection()
        .preparedQuery(RECORD_REJECTION)
        .execute(
            Tuple.of(
                subscriber,
                commandId(command),
                rejection.code(),
                String.valueOf(rejection.getMessage())))
        .compose(recorded -> Outbox.append(tx, CommandReplies.failure(command, rejection)));
  }

  /**
   * A re-sent command gets the answer the first one got; a plain redelivery of an envelope gets
   * nothing.
   */
  private static Future<Void> answerAgain(Tx tx, String subscriber, Message command) {
    if (command.metadata(Metadata.REPLAY_OF) == null) {
      return Future.succeededFuture();
    }
    return tx.connection()
        .preparedQuery(FIND_REJECTION)
        .execute(Tuple.of(subscriber, commandId(command)))
        .compose(
            rows -> {
              if (rows.size() == 0) {
                return Outbox.append(tx, CommandReplies.success(command));
              }
              Row row = rows.iterator().next();
              return Outbox.append(
                  tx,
                  CommandReplies.failure(command, row.getString("code"), row.getString("reason")));
            });
  }

  /** The command's identity, as the inbox records it: the first envelope's id. */
  private static String commandId(Message command) {
    String first = command.metadata(Metadata.REPLAY_OF);
    return first != null ? first : command.id();
  }
}

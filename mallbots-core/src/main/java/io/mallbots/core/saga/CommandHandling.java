package io.mallbots.core.saga;

import io.mallbots.core.db.Database;
import io.mallbots.core.domain.DomainException;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.outbox.Outbox;
import io.vertx.core.Future;

/**
 * Runs a saga command exactly once and answers it exactly once: the effect, the inbox record and a
 * success reply commit together; a business rejection ({@link DomainException}) rolls the effect back
 * and commits the inbox record with a failure reply instead. Any other failure is technical: nothing
 * commits and the stream retries the command.
 */
public final class CommandHandling {

  private CommandHandling() {
  }

  public static MessageHandler exactlyOnce(Database database, String subscriber, TxMessageHandler effect) {
    MessageHandler succeeding = Inbox.exactlyOnce(database, subscriber,
        (tx, command) -> effect.handle(tx, command).compose(v -> Outbox.append(tx, CommandReplies.success(command))));
    return command -> succeeding.handle(command).recover(failure -> {
      if (!(failure instanceof DomainException rejection)) {
        return Future.failedFuture(failure);
      }
      return database.inTransaction(tx -> Inbox.firstDelivery(tx.causedBy(command), subscriber, command)
          .compose(first -> first ? Outbox.append(tx, CommandReplies.failure(command, rejection))
              : Future.succeededFuture()));
    });
  }
}

package io.mallbots.core.inbox;

import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.messaging.Message;
import io.vertx.core.Future;

/**
 * The effect of a message, applied inside the transaction that also records the message in the
 * inbox (and adds any events it raises to the outbox). Runs on the subscription's event loop.
 *
 * <p>A subscriber names the messages of its topics it has no use for in {@link #passesOver}: they
 * are acknowledged without a transaction. A name it neither acts on nor passes over is not one its
 * topics carry: the handler fails it with {@link #unknown}, so it is retried and ends in the dead
 * letters.
 */
@FunctionalInterface
public interface TxMessageHandler {

  Future<Void> handle(Tx tx, Message message);

  /** Whether messages named {@code name} need nothing from this subscriber; by default none. */
  default boolean passesOver(String name) {
    return false;
  }

  /** The failure for a message whose name this subscriber does not know. */
  static Invalid unknown(Message message) {
    return new Invalid(
        "UNKNOWN_MESSAGE", "no handler for " + message.name() + " on " + message.topic());
  }
}

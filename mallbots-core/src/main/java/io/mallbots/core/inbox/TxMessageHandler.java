package io.mallbots.core.inbox;

import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.vertx.core.Future;

/**
 * The effect of a message, applied inside the transaction that also records the message in the inbox
 * (and adds any events it raises to the outbox). Runs on the subscription's event loop.
 */
@FunctionalInterface
public interface TxMessageHandler {

  Future<Void> handle(Tx tx, Message message);
}

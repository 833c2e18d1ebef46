package io.mallbots.core.messaging;

import io.vertx.core.Future;

/**
 * Handles one delivered message. Called on the subscribing verticle's event loop; must not block. A
 * succeeded future acknowledges the message; a failed one makes the stream try again (with backoff)
 * and, after the configured attempts, move the message to the dead-letter topic.
 */
@FunctionalInterface
public interface MessageHandler {

  Future<Void> handle(Message message);
}

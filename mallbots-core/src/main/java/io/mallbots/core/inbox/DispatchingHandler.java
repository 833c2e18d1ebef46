package io.mallbots.core.inbox;

import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.Message;
import io.vertx.core.Future;
import java.util.Set;

/**
 * The shape every service's event and command handlers share: a fixed set of message names passed
 * over, and a {@link #dispatch} on the message's name (a {@code switch} on the publisher's contract
 * {@code Names}). Whatever {@code dispatch} throws, an undecodable payload or a malformed id,
 * becomes the failed future of {@link #handle}, so the inbox retries it and it ends in the dead
 * letters (or, for a saga command, a rejection). Runs on the subscription's event loop, inside the
 * message's transaction.
 */
public abstract class DispatchingHandler implements TxMessageHandler {

  private final Set<String> passedOver;

  /** A handler that acts on, or fails, every message it is given. */
  protected DispatchingHandler() {
    this(Set.of());
  }

  /** A handler that acknowledges the messages named in {@code passedOver} without a transaction. */
  protected DispatchingHandler(Set<String> passedOver) {
    this.passedOver = Set.copyOf(passedOver);
  }

  /** The effect of {@code message} in {@code tx}; may throw instead of failing the future. */
  protected abstract Future<Void> dispatch(Tx tx, Message message);

  @Override
  public final boolean passesOver(String name) {
    return passedOver.contains(name);
  }

  @Override
  public final Future<Void> handle(Tx tx, Message message) {
    return Future.<Void>succeededFuture().compose(v -> dispatch(tx, message));
  }
}

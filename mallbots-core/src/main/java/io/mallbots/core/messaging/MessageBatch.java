package io.mallbots.core.messaging;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * Messages a subscription hands to a {@link BatchHandler} at once: those that were ready together,
 * in dispatch order, so a key's messages are in its order. Used on the subscription's context.
 */
public interface MessageBatch {

  /** The messages, in dispatch order; at least two. */
  List<Message> messages();

  /**
   * Runs {@code work} as the handling of {@code message}: in its own consumer span, which continues
   * the message's trace, so what the work raises carries that message's trace context.
   */
  Future<Void> handling(Message message, Supplier<Future<Void>> work);

  /** This batch with {@code around} wrapped around each message's work, e.g. to tag its span. */
  default MessageBatch around(java.util.function.UnaryOperator<Supplier<Future<Void>>> around) {
    MessageBatch inner = this;
    return new MessageBatch() {
      @Override
      public List<Message> messages() {
        return inner.messages();
      }

      @Override
      public Future<Void> handling(Message message, Supplier<Future<Void>> work) {
        return inner.handling(message, around.apply(work));
      }
    };
  }
}

package io.mallbots.core.messaging;

import io.vertx.core.Future;
import java.util.function.Function;

/**
 * A {@link MessageHandler} that can also apply several messages at once, all or nothing: when
 * {@link #handleBatch} fails, none of its messages had an effect (one transaction that rolled
 * back). The dispatcher then hands them to {@link #handle} one by one, so a bad message is retried
 * and dead-lettered alone. Only handlers of this type get batches ({@code MESSAGE_BATCH_SIZE}); a
 * plain handler, which may have acted on part of a batch before failing, never does.
 */
public interface BatchHandler extends MessageHandler {

  /**
   * Applies {@code batch}'s messages in their order (at least per key), each inside {@link
   * MessageBatch#handling}; succeeds only if all of them had their effect, fails with none.
   */
  Future<Void> handleBatch(MessageBatch batch);

  /** A batch handler of {@code single} for one message and {@code batch} for several. */
  static BatchHandler of(MessageHandler single, Function<MessageBatch, Future<Void>> batch) {
    return new BatchHandler() {
      @Override
      public Future<Void> handle(Message message) {
        return single.handle(message);
      }

      @Override
      public Future<Void> handleBatch(MessageBatch messages) {
        return batch.apply(messages);
      }
    };
  }
}

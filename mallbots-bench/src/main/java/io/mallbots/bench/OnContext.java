package io.mallbots.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The bench's and the chaos run's main threads drive asynchronous steps one after the other. */
public final class OnContext {

  private OnContext() {}

  /**
   * Runs {@code work} on {@code context} and waits for it on this (non-event-loop) thread, at most
   * {@code limit}.
   */
  public static <T> T await(Context context, Duration limit, Supplier<Future<T>> work)
      throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(
        v -> {
          try {
            work.get().onComplete(result);
          } catch (RuntimeException e) {
            result.fail(e);
          }
        });
    return result.future().await(limit.toMillis(), TimeUnit.MILLISECONDS);
  }
}

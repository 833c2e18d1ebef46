package io.mallbots.core.async;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way application code turns a synchronous domain call into a {@link Future}, and runs a
 * step per raised event. Called on the caller's thread (an event loop); nothing here blocks.
 */
public final class Futures {

  private Futures() {}

  /**
   * Runs {@code call} now, on the caller's thread, and gives its result as a succeeded future, or
   * what it threw (a domain rule's rejection) as a failed one, so a use case never throws at its
   * caller. Errors ({@link Error}) still propagate.
   */
  public static <T> Future<T> attempt(Supplier<T> call) {
    try {
      return Future.succeededFuture(call.get());
    } catch (RuntimeException rejected) {
      return Future.failedFuture(rejected);
    }
  }

  /**
   * {@link #attempt(Supplier)} for a call that gives nothing back, such as a check that throws when
   * it fails.
   */
  public static Future<Void> attempt(Runnable call) {
    return attempt(
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * Runs {@code step} for each of {@code items}, one after the other and in order (events of one
   * change keep their order in the outbox); the first failure stops the rest and fails the result.
   */
  public static <T> Future<Void> each(
      List<T> items, Function<? super T, ? extends Future<?>> step) {
    Future<Void> done = Future.succeededFuture();
    for (T item : items) {
      done = done.compose(v -> step.apply(item).mapEmpty());
    }
    return done;
  }
}

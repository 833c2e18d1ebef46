package io.mallbots.core.async;

import io.vertx.core.Future;
import java.util.function.Supplier;

/** The one way application code turns a synchronous domain call into a {@link Future}. */
public final class Futures {

  private Futures() {
  }

  /**
   * Runs {@code call} now, on the caller's thread, and gives its result as a succeeded future, or what it threw
   * (a domain rule's rejection) as a failed one, so a use case never throws at its caller. Errors
   * ({@link Error}) still propagate.
   */
  public static <T> Future<T> attempt(Supplier<T> call) {
    try {
      return Future.succeededFuture(call.get());
    } catch (RuntimeException rejected) {
      return Future.failedFuture(rejected);
    }
  }

  /** {@link #attempt(Supplier)} for a call that gives nothing back, such as a check that throws when it fails. */
  public static Future<Void> attempt(Runnable call) {
    return attempt(() -> {
      call.run();
      return null;
    });
  }
}

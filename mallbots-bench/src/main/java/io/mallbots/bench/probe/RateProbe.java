package io.mallbots.bench.probe;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Runs a unit of work (one transaction, one order's writes, ...) back to back on {@code
 * concurrency} lanes for a fixed time and counts how many finished per second; a lane whose unit
 * fails stops (the failure is reported). Runs on the caller's context.
 */
final class RateProbe {

  private RateProbe() {}

  /** What a probe achieved: units done per second over the time it ran, and failures by kind. */
  record Rate(long done, double seconds, Map<String, Long> errors) {

    double perSecond() {
      return seconds > 0 ? done / seconds : 0;
    }
  }

  static Future<Rate> run(int concurrency, Duration time, LongFunction<Future<?>> unit) {
    long start = System.nanoTime();
    long deadline = start + time.toNanos();
    long[] counters = new long[2]; // [next unit number, done]
    Map<String, Long> errors = new TreeMap<>();
    int[] lanes = {concurrency};
    Promise<Rate> finished = Promise.promise();
    for (int lane = 0; lane < concurrency; lane++) {
      next(
          unit,
          deadline,
          counters,
          errors,
          () -> {
            if (--lanes[0] == 0) {
              finished.complete(new Rate(counters[1], (System.nanoTime() - start) / 1e9, errors));
            }
          });
    }
    return finished.future();
  }

  private static void next(
      LongFunction<Future<?>> unit,
      long deadline,
      long[] counters,
      Map<String, Long> errors,
      Runnable laneDone) {
    if (System.nanoTime() >= deadline) {
      laneDone.run();
      return;
    }
    Future<?> work;
    try {
      work = unit.apply(counters[0]++);
    } catch (RuntimeException e) {
      work = Future.failedFuture(e);
    }
    work.onComplete(
        result -> {
          if (result.succeeded()) {
            counters[1]++;
            next(unit, deadline, counters, errors, laneDone);
          } else {
            // A failing unit stops its lane: a probe that fails measures nothing worth reporting as
            // a rate.
            errors.merge(String.valueOf(result.cause()), 1L, Long::sum);
            laneDone.run();
          }
        });
  }
}

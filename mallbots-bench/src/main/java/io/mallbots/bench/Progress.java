package io.mallbots.bench;

import io.mallbots.bench.report.SystemResources;
import io.mallbots.bench.shop.LoadDriver;
import io.mallbots.bench.shop.Measurements;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one updating line on stderr while load runs (phase, elapsed, orders approved, rate over the
 * last second, errors, in flight), and the once-a-second resource sample. Runs on a thread of its
 * own, never on an event loop; reads only the driver's atomic counters.
 */
final class Progress implements AutoCloseable {

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "bench-progress");
            thread.setDaemon(true);
            return thread;
          });
  private final PrintStream out;
  private long lastCompleted;
  private Measurements lastPhase;

  Progress(LoadDriver driver, SystemResources resources, PrintStream out) {
    this.out = out;
    timer.scheduleAtFixedRate(() -> tick(driver, resources), 1, 1, TimeUnit.SECONDS);
  }

  private void tick(LoadDriver driver, SystemResources resources) {
    resources.sample();
    LoadDriver.Phase phase = driver.current();
    if (phase == null) {
      return;
    }
    Measurements m = phase.measurements();
    if (m != lastPhase) {
      lastPhase = m;
      lastCompleted = 0;
    }
    long completed = m.completed();
    double elapsed = (System.nanoTime() - m.startNanos()) / 1e9;
    out.printf(
        Locale.ROOT,
        "\r  %-8s %6.1f s | approved %7d | %7.1f orders/s | errors %5d | in flight %4d   ",
        phase.name(),
        elapsed,
        completed,
        (double) (completed - lastCompleted),
        m.failed(),
        Math.max(0, m.started() - completed - m.failed()));
    out.flush();
    lastCompleted = completed;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    out.println();
  }
}

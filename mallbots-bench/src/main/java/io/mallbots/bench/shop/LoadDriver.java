package io.mallbots.bench.shop;

import io.mallbots.bench.shop.ShoppingTrip.Timing;
import io.mallbots.bench.shop.ShoppingTrip.TripFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Sends shoppers in, one phase at a time (warm-up, then the measured phase).
 *
 * <ul>
 *   <li><b>Closed loop</b> ({@code rate == 0}): {@code concurrency} shoppers, each starting its
 *       next order as soon as the last one ended: the maximum throughput.
 *   <li><b>Open loop</b> ({@code rate > 0}): order {@code k} arrives at {@code start + k / rate},
 *       whatever happened to the others. At most {@code concurrency} are in flight; a later arrival
 *       waits in a queue, and its latency is measured from its scheduled arrival, so a slow system
 *       cannot hide its queueing (no coordinated omission).
 * </ul>
 *
 * Runs on one Vert.x context: create it and call {@link #phase} there.
 */
public final class LoadDriver {

  private final Vertx vertx;
  private final ShoppingTrip trip;
  private final List<Shopper> shoppers;
  private final int concurrency;
  private final double rate;
  private long orderNumber;
  private volatile Phase current;

  public LoadDriver(
      Vertx vertx, ShoppingTrip trip, List<Shopper> shoppers, int concurrency, double rate) {
    this.vertx = vertx;
    this.trip = trip;
    this.shoppers = shoppers;
    this.concurrency = concurrency;
    this.rate = rate;
  }

  /** The phase now running, or {@code null}; for the progress line. */
  public Phase current() {
    return current;
  }

  /**
   * Runs one phase: orders arrive for {@code duration}, or until {@code orders} arrived when it is
   * above 0; completes when every one of them has ended (approved, failed or timed out).
   */
  public Future<Measurements> phase(String name, Duration duration, long orders) {
    return phase(name, duration, orders, concurrency);
  }

  /**
   * {@link #phase(String, Duration, long)} with {@code shoppers} at once instead of the driver's
   * concurrency (a step of the sweep; closed loop: one order in flight per shopper).
   */
  public Future<Measurements> phase(String name, Duration duration, long orders, int shoppers) {
    Phase phase = new Phase(name, System.nanoTime(), duration, orders, shoppers);
    current = phase;
    if (rate > 0) {
      phase.scheduleNextArrival();
    } else {
      for (int shopper = 0; shopper < shoppers; shopper++) {
        phase.shopClosedLoop(shopper);
      }
    }
    return phase.done.future();
  }

  /** One phase's arrivals and its measurements. */
  public final class Phase {

    private final String name;
    private final Measurements measurements;
    private final long deadlineNanos;
    private final long maxOrders;
    private final Promise<Measurements> done = Promise.promise();
    private final ArrayDeque<Long> waiting = new ArrayDeque<>();
    private final int concurrency;
    private long arrivals;
    private int inFlight;
    private boolean closed;

    private Phase(
        String name, long startNanos, Duration duration, long maxOrders, int concurrency) {
      this.name = name;
      this.concurrency = concurrency;
      this.measurements = new Measurements(startNanos);
      this.deadlineNanos = maxOrders > 0 ? Long.MAX_VALUE : startNanos + duration.toNanos();
      this.maxOrders = maxOrders;
    }

    public String name() {
      return name;
    }

    public Measurements measurements() {
      return measurements;
    }

    /** Orders started and not yet ended. */
    public int inFlight() {
      return inFlight;
    }

    private boolean accepting(long now) {
      return !closed && now < deadlineNanos && (maxOrders == 0 || arrivals < maxOrders);
    }

    private void shopClosedLoop(int shopper) {
      long now = System.nanoTime();
      if (!accepting(now)) {
        finishIfIdle();
        return;
      }
      arrivals++;
      start(now, shoppers.get(shopper % shoppers.size()), true)
          .onComplete(ended -> shopClosedLoop(shopper));
    }

    private void scheduleNextArrival() {
      long dueNanos = measurements.startNanos() + (long) (arrivals * 1_000_000_000L / rate);
      long delayMillis = Math.max(1, (dueNanos - System.nanoTime()) / 1_000_000);
      vertx.setTimer(delayMillis, id -> arrive());
    }

    private void arrive() {
      long now = System.nanoTime();
      while (accepting(now)) {
        long dueNanos = measurements.startNanos() + (long) (arrivals * 1_000_000_000L / rate);
        if (dueNanos > now) {
          break;
        }
        arrivals++;
        if (inFlight < concurrency) {
          startOpenLoop(dueNanos, true);
        } else {
          waiting.add(dueNanos);
          measurements.arrived();
        }
      }
      if (accepting(now)) {
        scheduleNextArrival();
      } else {
        closed = true;
        finishIfIdle();
      }
    }

    /** Starts an arrival; when it ends, the longest-waiting arrival takes its slot. */
    private void startOpenLoop(long dueNanos, boolean countArrival) {
      start(dueNanos, shoppers.get((int) (orderNumber % shoppers.size())), countArrival)
          .onComplete(
              ended -> {
                Long next = waiting.poll();
                if (next != null) {
                  startOpenLoop(next, false);
                } else {
                  finishIfIdle();
                }
              });
    }

    private Future<Void> start(long arrivalNanos, Shopper shopper, boolean countArrival) {
      if (countArrival) {
        measurements.arrived();
      }
      inFlight++;
      return trip.shop(shopper, orderNumber++)
          .transform(
              result -> {
                inFlight--;
                if (result.succeeded()) {
                  Timing timing = result.result();
                  measurements.approved(
                      arrivalNanos, timing.checkoutNanos(), timing.approvedNanos());
                } else {
                  Throwable failure = result.cause();
                  String kind =
                      failure instanceof TripFailure tripFailure
                          ? tripFailure.kind()
                          : "driver: " + failure;
                  measurements.failed(kind, System.nanoTime());
                }
                return Future.<Void>succeededFuture();
              });
    }

    private void finishIfIdle() {
      if (inFlight == 0 && waiting.isEmpty() && !accepting(System.nanoTime())) {
        closed = true;
        done.tryComplete(measurements);
      }
    }
  }
}

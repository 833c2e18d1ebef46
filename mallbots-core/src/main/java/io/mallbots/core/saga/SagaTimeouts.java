package io.mallbots.core.saga;

import io.mallbots.core.config.SagaSettings;
import io.mallbots.core.db.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the sagas of one {@link SagaOrchestrator} from waiting for ever: a periodic sweep on the
 * context that started it (the service verticle's event loop) hands every saga that has waited
 * longer than {@link SagaSettings#stepTimeout()} for a reply to {@link
 * SagaOrchestrator#timeOutOldest}, one transaction per saga (its re-sent or compensating command
 * leaves through the outbox in the same transaction). With several instances of the service, {@code
 * FOR UPDATE SKIP LOCKED} makes each saga one instance's work. It also keeps the gauge {@code
 * mallbots.saga.unfinished{saga, state=awaiting|overdue}}.
 */
public final class SagaTimeouts {

  private static final Logger log = LoggerFactory.getLogger(SagaTimeouts.class);

  /**
   * Sagas acted on in one sweep at most, so that a backlog does not hold the event loop's turn for
   * long.
   */
  static final int SWEEP_LIMIT = 100;

  private final Vertx vertx;
  private final Database database;
  private final SagaOrchestrator<?> orchestrator;
  private final SagaSettings settings;
  private final AtomicLong awaiting = new AtomicLong();
  private final AtomicLong overdue = new AtomicLong();
  private Context context;
  private long timer = -1;
  private boolean sweeping;
  private boolean stopped;
  private Future<Integer> current = Future.succeededFuture(0);

  public SagaTimeouts(
      Vertx vertx, Database database, SagaOrchestrator<?> orchestrator, SagaSettings settings) {
    this.vertx = vertx;
    this.database = database;
    this.orchestrator = orchestrator;
    this.settings = settings;
  }

  /** Sweeps every {@link #period()} from the caller's context. */
  public SagaTimeouts start() {
    context = vertx.getOrCreateContext();
    // Micrometer holds the state weakly: this object keeps the counters alive as long as the
    // service runs.
    Gauge.builder("mallbots.saga.unfinished", awaiting, AtomicLong::get)
        .description(
            "Sagas waiting for a step's reply (awaiting), and those waiting longer than the step timeout "
                + "(overdue)")
        .tags("saga", orchestrator.name(), "state", "awaiting", "schema", database.schema())
        .register(Metrics.globalRegistry);
    Gauge.builder("mallbots.saga.unfinished", overdue, AtomicLong::get)
        .description(
            "Sagas waiting for a step's reply (awaiting), and those waiting longer than the step timeout "
                + "(overdue)")
        .tags("saga", orchestrator.name(), "state", "overdue", "schema", database.schema())
        .register(Metrics.globalRegistry);
    timer = vertx.setPeriodic(period().toMillis(), id -> tick());
    return this;
  }

  /**
   * A third of the step timeout (so a step is acted on at most a third late), between 100 ms and 10
   * s.
   */
  Duration period() {
    long third = settings.stepTimeout().toMillis() / 3;
    return Duration.ofMillis(Math.max(100, Math.min(10_000, third)));
  }

  /** Stops after the sweep in progress. */
  public Future<Void> stop() {
    if (context == null) {
      return Future.succeededFuture();
    }
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  stopped = true;
                  vertx.cancelTimer(timer);
                  current.onComplete(r -> p.complete());
                }));
  }

  /** One sweep: acts on the overdue sagas, up to {@link #SWEEP_LIMIT}; how many it acted on. */
  public Future<Integer> sweep() {
    return sweepFrom(0);
  }

  private void tick() {
    if (stopped || sweeping) {
      return;
    }
    sweeping = true;
    // Measured before the sweep acts: overdue counts the steps that went unanswered since the last
    // sweep.
    current = measure().compose(v -> sweep());
    current.onComplete(
        result -> {
          sweeping = false;
          if (result.failed()) {
            log.warn(
                "saga timeouts of {} in {} failed, retrying at the next sweep: {}",
                orchestrator.name(),
                database.schema(),
                String.valueOf(result.cause()));
          }
        });
  }

  private Future<Integer> sweepFrom(int done) {
    if (done >= SWEEP_LIMIT || stopped) {
      return Future.succeededFuture(done);
    }
    return database
        .inTransaction(
            tx -> orchestrator.timeOutOldest(tx, settings.stepTimeout(), settings.stepRetries()))
        .compose(found -> found ? sweepFrom(done + 1) : Future.succeededFuture(done));
  }

  private Future<Void> measure() {
    return orchestrator
        .unfinished(database.reads(), settings.stepTimeout())
        .map(
            counts -> {
              awaiting.set(counts.awaiting());
              overdue.set(counts.overdue());
              return null;
            });
  }
}

package io.mallbots.core.outbox;

import io.mallbots.core.config.CoreSettings.OutboxSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.outbox.RelayBatch.Pass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox: claims a batch of rows in {@code seq} order, publishes them, and deletes
 * the published ones in the same transaction. Woken directly after local commits; rows a standby
 * instance committed wake it through a {@code NOTIFY} the standby sends after its commit, on its
 * lease session (never inside a business transaction: a notifying commit serializes the commits of
 * the whole cluster); a polling timer is the fallback. One relay runs per service instance; all its
 * work happens on the context that started it.
 *
 * <p><b>One active relay per schema.</b> Of the relays of one schema (one per instance), only the
 * one holding the schema's lease publishes: a PostgreSQL session-level advisory lock on a
 * connection of its own, on which it also runs its batches (docs/adr/0008). The others try to take
 * it every {@link OutboxSettings#leaseRetry()}; when the holder's session ends (its process died,
 * its connection was killed) PostgreSQL frees the lock and a standby takes over. A relay whose lock
 * session closed publishes no further row, not even the rest of the batch in progress. So an
 * aggregate's rows leave in {@code seq} order even with several instances; {@code
 * mallbots.outbox.relay.active} says which relay is the active one.
 *
 * <p><b>One bad row stops no one else.</b> The rows of a batch are published aggregate by
 * aggregate: the rows of one aggregate one after the other (the next only once the broker stored
 * the previous, so a refused row is never overtaken by a later one of its aggregate), different
 * aggregates side by side. A row the broker refuses, while it otherwise answers (another row went
 * through, or a ping succeeds), has an attempt counted ({@code attempts}, {@code last_error});
 * after {@link OutboxSettings#maxAttempts()} it is moved to {@code outbox_parked} ({@code
 * mallbots.outbox.parked}, {@link ParkedOutbox}). While a row of an aggregate is parked, the later
 * rows of that aggregate stay in the outbox unclaimed: they keep their place, nothing of that
 * aggregate leaves out of order, and replaying the parked row lets them follow. One pass is a
 * {@link RelayBatch}.
 *
 * <p><b>An outage parks nothing.</b> A publish that failed because the broker is unreachable or for
 * the moment without a leader (NATS no responders, JetStream 503, timeouts, closed connections,
 * Kafka's retriable errors: {@link io.mallbots.core.messaging.Outages#isBrokerOutage}), or while
 * the broker answers no ping, counts against no row: the relay waits with a growing backoff and
 * tries again ({@link BrokerOutage}), however long the outage lasts.
 */
public final class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final String BACKLOG =
      "SELECT (SELECT count(*) FROM outbox) AS rows, "
          + "(SELECT count(*) FROM outbox o WHERE EXISTS (SELECT 1 FROM outbox_parked p WHERE p.aggregate_id = o.aggregate_id)) "
          + "AS held, (SELECT count(*) FROM outbox_parked) AS parked, "
          + "COALESCE((SELECT EXTRACT(EPOCH FROM now() - min(o.created_at)) FROM outbox o WHERE NOT EXISTS "
          + "(SELECT 1 FROM outbox_parked p WHERE p.aggregate_id = o.aggregate_id)), 0) AS oldest";

  private final Vertx vertx;
  private final Database database;
  private final OutboxSettings settings;
  private final AtomicLong backlogRows = new AtomicLong();
  private final AtomicLong heldRows = new AtomicLong();
  private final AtomicLong parkedRows = new AtomicLong();
  private final AtomicLong oldestMillis = new AtomicLong();
  private final RelayLease lease;
  private final RelayBatch batch;
  private final BrokerOutage outage;
  private Context context;
  private long pollTimer = -1;
  private long leaseTimer = -1;
  private long backoffTimer = -1;
  private boolean running;
  private boolean again;
  private boolean stopped;
  private Future<Pass> current = Future.succeededFuture(Pass.EMPTY);

  public OutboxRelay(Vertx vertx, Database database, EventStream stream, OutboxSettings settings) {
    this.vertx = vertx;
    this.database = database;
    this.settings = settings;
    this.lease = new RelayLease(vertx, database, this::wake);
    this.batch = new RelayBatch(database.schema(), stream, settings, lease);
    this.outage = new BrokerOutage(database.schema());
  }

  /** Whether this relay holds its schema's lease and so is the one that publishes. */
  public boolean active() {
    return lease.held();
  }

  /** Starts relaying on the caller's context, with a first pass for rows left from before. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    database.onOutboxCommit(this::committed);
    outage.register();
    Gauge.builder("mallbots.outbox.backlog", backlogRows, AtomicLong::get)
        .description("Outbox rows not yet published")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    Gauge.builder("mallbots.outbox.oldest.age.seconds", oldestMillis, v -> v.get() / 1000.0)
        .description("Age of the oldest unpublished outbox row not held behind a parked one")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    Gauge.builder("mallbots.outbox.parked.rows", parkedRows, AtomicLong::get)
        .description(
            "Outbox rows parked after failing to publish; replay them once the cause is fixed")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    Gauge.builder("mallbots.outbox.held.rows", heldRows, AtomicLong::get)
        .description("Outbox rows waiting behind a parked row of their aggregate")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    Gauge.builder("mallbots.outbox.relay.active", lease, l -> l.held() ? 1 : 0)
        .description("1 when this relay holds its schema's lease and publishes, 0 on a standby")
        .tag("schema", database.schema())
        .register(Metrics.globalRegistry);
    leaseTimer = vertx.setPeriodic(settings.leaseRetry().toMillis(), id -> takeLease());
    pollTimer =
        vertx.setPeriodic(
            settings.pollInterval().toMillis(),
            id -> {
              measureBacklog();
              wake();
            });
    takeLease();
    return Future.succeededFuture();
  }

  private void takeLease() {
    if (stopped || lease.held()) {
      return;
    }
    lease
        .tryAcquire()
        .onSuccess(
            held -> {
              if (held) {
                drain();
              }
            });
  }

  /** Asks for a relay pass soon. Safe from any thread. */
  public void wake() {
    if (context != null) {
      context.runOnContext(v -> drain());
    }
  }

  /**
   * After a local commit that added outbox rows: a pass at once, or on a standby a notice to the
   * active relay. Safe from any thread.
   */
  private void committed() {
    if (context != null) {
      context.runOnContext(
          v -> {
            if (lease.held()) {
              drain();
            } else if (!stopped) {
              lease.tellActive();
            }
          });
    }
  }

  /** Stops the relay after the batch in progress, and gives up its lease for a standby to take. */
  public Future<Void> stop() {
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  stopped = true;
                  vertx.cancelTimer(pollTimer);
                  vertx.cancelTimer(leaseTimer);
                  vertx.cancelTimer(backoffTimer);
                  current.onComplete(r -> lease.release().onComplete(released -> p.complete()));
                }));
  }

  private void drain() {
    if (stopped || !lease.held()) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    if (outage.waiting()) {
      return; // the backoff timer wakes it
    }
    running = true;
    again = false;
    current = batch.run();
    current.onComplete(
        result -> {
          running = false;
          if (result.failed()) {
            log.warn(
                "outbox relay of {} failed, retrying at the next poll: {}",
                database.schema(),
                String.valueOf(result.cause()));
            return;
          }
          Pass pass = result.result();
          pass.parkedTopics().forEach(this::countParked); // committed now
          if (pass.outage() != null) {
            long backoff = outage.failed(pass.unpublished(), pass.outage()).toMillis();
            backoffTimer = vertx.setTimer(backoff, id -> drain());
            return;
          }
          outage.over();
          // A full batch that published nothing (the broker refuses everything) waits for the next
          // poll.
          if (again || (pass.claimed() == settings.batchSize() && pass.published() > 0)) {
            drain();
          }
        });
  }

  private void countParked(String topic) {
    parkedRows.incrementAndGet();
    Counter.builder("mallbots.outbox.parked")
        .description("Outbox rows parked after failing to publish")
        .tags("schema", database.schema(), "topic", topic)
        .register(Metrics.globalRegistry)
        .increment();
  }

  private void measureBacklog() {
    database
        .reads()
        .preparedQuery(BACKLOG)
        .execute()
        .onSuccess(
            rows -> {
              Row row = rows.iterator().next();
              backlogRows.set(row.getLong("rows"));
              heldRows.set(row.getLong("held"));
              parkedRows.set(row.getLong("parked"));
              oldestMillis.set((long) (row.getNumeric("oldest").doubleValue() * 1000));
            });
  }
}

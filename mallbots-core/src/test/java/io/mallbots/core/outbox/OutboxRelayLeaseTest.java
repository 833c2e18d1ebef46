package io.mallbots.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.CoreSettings.OutboxSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.mallbots.core.testing.ServiceDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of one service (two databases on one schema, two relays) under load: one relay
 * publishes at a time, so every aggregate's rows leave in sequence order; when the active relay's
 * lock session is killed, the other takes over with nothing lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayLeaseTest {

  private static final int AGGREGATES = 8;
  private static final int ROWS_PER_AGGREGATE = 60;
  private static final OutboxSettings SETTINGS =
      new OutboxSettings(
          20,
          Duration.ofMillis(100),
          5,
          OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES,
          Duration.ofMillis(200));

  private final ServiceDatabase schema = ServiceDatabase.create("outbox_lease", "probe");
  private final Vertx vertx = schema.vertx();
  private final Database first = schema.database();
  private final Database second = Database.connect(vertx, schema.settings());
  private RecordingStream broker;
  private OutboxRelay relayOne;
  private OutboxRelay relayTwo;

  @AfterAll
  void drop() {
    second.close().await();
    schema.close();
  }

  @BeforeEach
  void startRelays() {
    schema.truncate("outbox", "outbox_parked");
    broker = new RecordingStream(vertx);
    relayOne = new OutboxRelay(vertx, first, broker, SETTINGS);
    relayTwo = new OutboxRelay(vertx, second, broker, SETTINGS);
    vertx.runOnContext(v -> relayOne.start());
    vertx.runOnContext(v -> relayTwo.start());
    await().atMost(Duration.ofSeconds(10)).until(() -> relayOne.active() || relayTwo.active());
  }

  @AfterEach
  void stopRelays() {
    relayOne.stop().await();
    relayTwo.stop().await();
  }

  @Test
  void two_relays_of_one_schema_publish_every_row_once_and_each_aggregate_in_order() {
    Future<Void> appended = appendConcurrently();
    appended.await();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count("outbox") == 0 && broker.publishes.get() >= AGGREGATES * ROWS_PER_AGGREGATE);
    assertThat(relayOne.active() && relayTwo.active()).as("both relays active").isFalse();
    assertThat(broker.timesPublished.values()).allMatch(times -> times.get() == 1);
    assertThat(broker.publishes.get()).isEqualTo(AGGREGATES * ROWS_PER_AGGREGATE);
    assertEveryAggregateInOrder();
  }

  @Test
  void
      killing_the_active_relays_lock_session_hands_over_to_the_other_with_nothing_lost_and_order_kept() {
    Future<Void> appended = appendConcurrently();
    await().atMost(Duration.ofSeconds(30)).until(() -> broker.publishes.get() >= 50);
    OutboxRelay killed = relayOne.active() ? relayOne : relayTwo;
    OutboxRelay standby = killed == relayOne ? relayTwo : relayOne;
    assertThat(standby.active()).isFalse();

    int terminated = terminateLockSession();

    assertThat(terminated).isEqualTo(1);
    await().atMost(Duration.ofSeconds(5)).until(standby::active);
    assertThat(killed.active()).isFalse();
    appended.await();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count("outbox") == 0
                    && broker.timesPublished.size() == AGGREGATES * ROWS_PER_AGGREGATE);
    // A batch in flight when the session died is published again by the new relay (consumers'
    // inboxes drop the copies); what matters is that no row is missing and no aggregate's first
    // deliveries go backwards.
    assertEveryAggregateInOrder();
  }

  /**
   * Appends each aggregate's rows one transaction after the other, all aggregates at once, via both
   * instances.
   */
  private Future<Void> appendConcurrently() {
    List<Future<Void>> chains = new ArrayList<>();
    for (int a = 0; a < AGGREGATES; a++) {
      String aggregate = "agg-" + a;
      Database via = a % 2 == 0 ? first : second;
      Future<Void> chain = Future.succeededFuture();
      for (int n = 0; n < ROWS_PER_AGGREGATE; n++) {
        int number = n;
        chain =
            chain.compose(
                v ->
                    via.inTransaction(
                        tx ->
                            Outbox.append(
                                tx,
                                Message.create(
                                    "probe.things.events.Thing",
                                    "probe.ThingHappened",
                                    aggregate,
                                    Integer.toString(number).getBytes(StandardCharsets.UTF_8)))));
      }
      chains.add(chain);
    }
    return Future.all(chains).mapEmpty();
  }

  private void assertEveryAggregateInOrder() {
    List<Integer> expected = IntStream.range(0, ROWS_PER_AGGREGATE).boxed().toList();
    assertThat(broker.firstDeliveries.keySet()).hasSize(AGGREGATES);
    broker.firstDeliveries.forEach(
        (aggregate, numbers) -> {
          synchronized (numbers) {
            assertThat(new ArrayList<>(numbers)).as(aggregate).containsExactlyElementsOf(expected);
          }
        });
  }

  /**
   * Kills the session that holds the schema's relay lock, as a crashed process or a cut connection
   * would.
   */
  private int terminateLockSession() {
    long key = RelayLease.key(schema.settings().schema());
    return first
        .reads()
        .preparedQuery(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND granted AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 1")
        .execute(Tuple.of(key >>> 32, key & 0xFFFF_FFFFL))
        .await()
        .size();
  }

  private long count(String table) {
    return first
        .pool()
        .query("SELECT count(*) FROM " + table)
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  /**
   * A broker stand-in, slow enough that batches are in flight: per aggregate, the payloads in
   * first-delivery order.
   */
  private static final class RecordingStream implements EventStream {
    final Map<String, AtomicInteger> timesPublished = new ConcurrentHashMap<>();
    final Map<String, LinkedHashSet<Integer>> firstDeliveries = new ConcurrentHashMap<>();
    final AtomicInteger publishes = new AtomicInteger();
    private final Vertx vertx;

    RecordingStream(Vertx vertx) {
      this.vertx = vertx;
    }

    @Override
    public Future<Void> publish(List<Message> messages) {
      Promise<Void> stored = Promise.promise();
      vertx.setTimer(
          ThreadLocalRandom.current().nextInt(1, 4),
          id -> {
            for (Message m : messages) {
              publishes.incrementAndGet();
              timesPublished.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet();
              LinkedHashSet<Integer> numbers =
                  firstDeliveries.computeIfAbsent(m.aggregateId(), k -> new LinkedHashSet<>());
              synchronized (numbers) {
                numbers.add(Integer.parseInt(new String(m.payload(), StandardCharsets.UTF_8)));
              }
            }
            stored.complete();
          });
      return stored.future();
    }

    @Override
    public Future<Subscription> subscribe(
        String topic, String group, SubscriptionOptions options, MessageHandler handler) {
      return Future.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public Future<Void> ping() {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }
}

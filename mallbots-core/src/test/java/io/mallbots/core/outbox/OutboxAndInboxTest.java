package io.mallbots.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.CoreSettings.OutboxSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.domain.Invalid;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.inbox.TxMessageHandler;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Metadata;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxAndInboxTest {

  private final ServiceDatabase schema = ServiceDatabase.create("outbox_test", "probe");
  private final Database database = schema.database();

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("things", "outbox", "outbox_parked", "inbox");
  }

  @Test
  void a_change_and_its_events_commit_together() {
    database
        .inTransaction(
            tx ->
                tx.connection()
                    .preparedQuery("INSERT INTO things (id) VALUES ($1)")
                    .execute(Tuple.of("t-1"))
                    .compose(r -> Outbox.append(tx, event("t-1", "ThingCreated"))))
        .await();

    assertThat(count("things")).isEqualTo(1);
    assertThat(count("outbox")).isEqualTo(1);
  }

  @Test
  void a_failure_after_the_events_were_added_rolls_back_the_change_and_the_events() {
    Future<Object> failed =
        database.inTransaction(
            tx ->
                tx.connection()
                    .preparedQuery("INSERT INTO things (id) VALUES ($1)")
                    .execute(Tuple.of("t-2"))
                    .compose(r -> Outbox.append(tx, event("t-2", "ThingCreated")))
                    .compose(v -> Future.failedFuture(new IllegalStateException("forced"))));

    assertThatThrownBy(failed::await).hasMessageContaining("forced");
    assertThat(count("things")).isZero();
    assertThat(count("outbox")).isZero();
  }

  @Test
  void a_message_over_the_size_limit_fails_its_transaction_as_invalid_and_nothing_is_stored() {
    Message huge =
        Message.create(
            "probe.things.events.Thing",
            "probe.ThingNamed",
            "t-big",
            new byte[OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES + 1]);
    Future<Void> refused =
        database.inTransaction(
            tx ->
                tx.connection()
                    .preparedQuery("INSERT INTO things (id) VALUES ($1)")
                    .execute(Tuple.of("t-big"))
                    .compose(
                        r -> Outbox.append(tx, List.of(event("t-big", "ThingCreated"), huge))));

    assertThatThrownBy(refused::await)
        .isInstanceOf(Invalid.class)
        .hasMessageContaining("probe.ThingNamed")
        .hasMessageContaining(huge.id())
        .hasMessageContaining(String.valueOf(OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES))
        .hasMessageContaining("MESSAGE_MAX_BYTES");
    assertThat(count("things")).isZero();
    assertThat(count("outbox")).isZero();
  }

  @Test
  void a_message_within_the_limit_is_stored_and_the_limit_counts_the_metadata_too() {
    byte[] payload = new byte[OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES - 1_000];
    database
        .inTransaction(
            tx ->
                Outbox.append(
                    tx,
                    Message.create(
                        "probe.things.events.Thing", "probe.ThingNamed", "t-fits", payload)))
        .await();
    assertThat(count("outbox")).isEqualTo(1);

    Message padded =
        Message.create("probe.things.events.Thing", "probe.ThingNamed", "t-padded", payload)
            .withMetadata("note", "x".repeat(2_000));
    assertThatThrownBy(() -> database.inTransaction(tx -> Outbox.append(tx, padded)).await())
        .isInstanceOf(Invalid.class);
    assertThat(count("outbox")).isEqualTo(1);
  }

  @Test
  void events_raised_while_handling_a_message_carry_its_lineage() {
    Message cause =
        event("t-3", "ThingOrdered")
            .withMetadata(
                Map.of(
                    Metadata.CORRELATION_ID, "checkout-1",
                    Metadata.TRACEPARENT,
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    database
        .inTransaction(tx -> Outbox.append(tx.causedBy(cause), event("t-3", "ThingShipped")))
        .await();

    var row =
        database.pool().query("SELECT metadata FROM outbox").execute().await().iterator().next();
    assertThat(row.getJsonObject("metadata").getMap())
        .containsEntry(Metadata.CORRELATION_ID, "checkout-1")
        .containsEntry(Metadata.CAUSATION_ID, cause.id())
        .containsEntry(
            Metadata.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  }

  @Test
  void a_message_delivered_three_times_has_one_effect() {
    database.pool().query("INSERT INTO things (id) VALUES ('counter')").execute().await();
    MessageHandler handler =
        Inbox.exactlyOnce(
            database,
            "probe-counter",
            (tx, message) ->
                tx.connection()
                    .preparedQuery("UPDATE things SET count = count + 1 WHERE id = 'counter'")
                    .execute()
                    .mapEmpty());
    Message message = event("counter", "ThingCounted");

    // Two deliveries racing each other, then a late redelivery.
    Future.all(handler.handle(message), handler.handle(message)).await();
    handler.handle(message).await();
    assertThat(counter()).isEqualTo(1);

    handler.handle(event("counter", "ThingCounted")).await();
    assertThat(counter()).isEqualTo(2);
  }

  @Test
  void a_message_the_subscriber_passes_over_costs_no_transaction_and_no_inbox_record() {
    AtomicInteger effects = new AtomicInteger();
    MessageHandler handler =
        Inbox.exactlyOnce(
            database,
            "probe-picky",
            new TxMessageHandler() {
              @Override
              public Future<Void> handle(Tx tx, Message message) {
                effects.incrementAndGet();
                return Future.succeededFuture();
              }

              @Override
              public boolean passesOver(String name) {
                return name.equals("probe.ThingIgnored");
              }
            });

    handler.handle(event("thing", "ThingIgnored")).await();
    assertThat(effects).hasValue(0);
    assertThat(
            database
                .pool()
                .query("SELECT count(*) FROM inbox")
                .execute()
                .await()
                .iterator()
                .next()
                .getLong(0))
        .isZero();

    handler.handle(event("thing", "ThingCounted")).await();
    assertThat(effects).hasValue(1);
  }

  @Test
  void a_failed_effect_leaves_no_inbox_record_so_the_redelivery_applies_it() {
    database.pool().query("INSERT INTO things (id) VALUES ('counter')").execute().await();
    AtomicInteger calls = new AtomicInteger();
    MessageHandler handler =
        Inbox.exactlyOnce(
            database,
            "probe-flaky",
            (tx, message) ->
                tx.connection()
                    .preparedQuery("UPDATE things SET count = count + 1 WHERE id = 'counter'")
                    .execute()
                    .compose(
                        r ->
                            calls.incrementAndGet() == 1
                                ? Future.failedFuture("boom")
                                : Future.succeededFuture()));
    Message message = event("counter", "ThingCounted");

    assertThatThrownBy(() -> handler.handle(message).await()).isNotNull();
    handler.handle(message).await();
    assertThat(counter()).isEqualTo(1);
  }

  @Test
  void concurrent_relays_publish_every_row_exactly_once() {
    int rows = 600;
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      messages.add(event("thing-" + (i % 13), "ThingHappened"));
    }
    database.inTransaction(tx -> Outbox.append(tx, messages)).await();

    var broker = new RecordingStream(schema.vertx());
    var settings = new OutboxSettings(50, Duration.ofMillis(100));
    List<OutboxRelay> relays =
        List.of(
            new OutboxRelay(schema.vertx(), database, broker, settings),
            new OutboxRelay(schema.vertx(), database, broker, settings),
            new OutboxRelay(schema.vertx(), database, broker, settings));
    relays.forEach(relay -> schema.vertx().runOnContext(v -> relay.start()));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> count("outbox") == 0 && broker.published.size() == rows);
    relays.forEach(relay -> relay.stop().await());
    assertThat(broker.published.values()).allMatch(times -> times.get() == 1);
    assertThat(broker.published.keySet())
        .containsExactlyInAnyOrderElementsOf(messages.stream().map(Message::id).toList());
  }

  @Test
  void while_the_broker_does_not_answer_no_row_is_charged_an_attempt_and_nothing_is_parked() {
    relayUntilTried(new UnansweredStream(new IllegalStateException("broker unreachable"), false));
    assertThat(count("outbox_parked")).isZero();
    assertThat(attempts()).isZero();
  }

  @Test
  void
      a_publish_that_times_out_is_no_attempt_against_its_row_even_while_the_broker_answers_pings() {
    relayUntilTried(
        new UnansweredStream(new java.util.concurrent.TimeoutException("no ack in 5 s"), true));
    assertThat(count("outbox_parked")).isZero();
    assertThat(attempts()).isZero();
  }

  @Test
  void a_row_the_answering_broker_refuses_is_charged_each_attempt_and_parked_at_the_last() {
    relayUntilTried(new UnansweredStream(new IllegalArgumentException("too large"), true));
    assertThat(count("outbox")).isZero();
    var parked =
        database
            .pool()
            .query("SELECT attempts, last_error FROM outbox_parked")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(parked.getInteger("attempts")).isEqualTo(2);
    assertThat(parked.getString("last_error")).contains("too large");
  }

  /** Appends one row and relays (at most 2 attempts per row) until the stream was tried 6 times. */
  private void relayUntilTried(UnansweredStream stream) {
    database.inTransaction(tx -> Outbox.append(tx, event("t-unanswered", "ThingHappened"))).await();
    var relay =
        new OutboxRelay(
            schema.vertx(),
            database,
            stream,
            new OutboxSettings(
                50, Duration.ofMillis(50), 2, OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES));
    schema.vertx().runOnContext(v -> relay.start());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> stream.publishes.get() >= 6 || count("outbox_parked") == 1);
    relay.stop().await();
  }

  private int attempts() {
    return database
        .pool()
        .query("SELECT attempts FROM outbox")
        .execute()
        .await()
        .iterator()
        .next()
        .getInteger("attempts");
  }

  private long count(String table) {
    return database
        .pool()
        .query("SELECT count(*) FROM " + table)
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }

  private int counter() {
    return database
        .pool()
        .query("SELECT count FROM things WHERE id = 'counter'")
        .execute()
        .await()
        .iterator()
        .next()
        .getInteger(0);
  }

  private static Message event(String aggregateId, String name) {
    return Message.create(
        "probe.things.events.Thing",
        "probe." + name,
        aggregateId,
        name.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A broker that stores nothing: every publish fails with {@code error}; pings succeed or fail as
   * told.
   */
  private static final class UnansweredStream implements EventStream {
    final AtomicInteger publishes = new AtomicInteger();
    private final Throwable error;
    private final boolean answersPings;

    UnansweredStream(Throwable error, boolean answersPings) {
      this.error = error;
      this.answersPings = answersPings;
    }

    @Override
    public Future<Void> publish(List<Message> messages) {
      publishes.incrementAndGet();
      return Future.failedFuture(error);
    }

    @Override
    public Future<Subscription> subscribe(
        String topic, String group, SubscriptionOptions options, MessageHandler handler) {
      return Future.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public Future<Void> ping() {
      return answersPings
          ? Future.succeededFuture()
          : Future.failedFuture(new IllegalStateException("unreachable"));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  /** A broker stand-in that counts how often each message id was published, slowly. */
  private static final class RecordingStream implements EventStream {
    final Map<String, AtomicInteger> published = new ConcurrentHashMap<>();
    private final Vertx vertx;

    RecordingStream(Vertx vertx) {
      this.vertx = vertx;
    }

    @Override
    public Future<Void> publish(List<Message> messages) {
      Promise<Void> stored = Promise.promise();
      vertx.setTimer(
          ThreadLocalRandom.current().nextInt(1, 10),
          id -> {
            messages.forEach(
                m -> published.computeIfAbsent(m.id(), k -> new AtomicInteger()).incrementAndGet());
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

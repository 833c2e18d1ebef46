package io.mallbots.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.db.Database;
import io.mallbots.core.db.Tx;
import io.mallbots.core.messaging.BatchHandler;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.mallbots.core.outbox.Outbox;
import io.mallbots.core.testing.ServiceDatabase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Batches through the inbox on a real PostgreSQL: one transaction per batch, and after a batch
 * fails, for whatever reason, each message's effect still happens once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxBatchTest {

  private static final String TOPIC = "probe.things.events.Thing";

  private final ServiceDatabase schema = ServiceDatabase.create("inbox_batch", "probe");
  private final Database database = schema.database();
  private final List<Message> deadLetters = new CopyOnWriteArrayList<>();
  private final SubscriptionOptions options =
      SubscriptionOptions.DEFAULTS
          .withMaxAttempts(3)
          .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
          .withBatchSize(8);

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("things", "inbox", "outbox");
    deadLetters.clear();
  }

  @Test
  void a_batch_applies_first_deliveries_once_and_skips_redeliveries_and_passed_over_messages() {
    List<Message> sent = things(5);
    Message ignored = Message.create(TOPIC, "probe.ThingIgnored", "ignored", new byte[0]);
    BatchHandler handler = Inbox.exactlyOnce(database, "probe-batch", counting(m -> false));
    handler.handle(sent.get(1)).await();

    dispatchTogether(handler, List.of(sent.get(0), sent.get(1), ignored, sent.get(2)));
    dispatchTogether(handler, sent);

    await().until(() -> schema.number("SELECT count(*) FROM inbox") == 5);
    for (Message message : sent) {
      assertThat(countOf(message)).as("effects of %s", message).isEqualTo(1);
    }
    assertThat(schema.number("SELECT count(*) FROM things")).isEqualTo(5);
  }

  @Test
  void a_poison_message_in_a_batch_is_dead_lettered_alone_and_its_neighbours_act_once() {
    List<Message> sent = things(7);
    Message poison = sent.get(3);
    BatchHandler handler =
        Inbox.exactlyOnce(database, "probe-poison", counting(m -> m.id().equals(poison.id())));

    dispatchTogether(handler, sent);

    await().until(() -> deadLetters.size() == 1);
    await().until(() -> schema.number("SELECT count(*) FROM inbox") == 6);
    assertThat(deadLetters).extracting(Message::id).containsExactly(poison.id());
    for (Message message : sent) {
      assertThat(countOf(message)).isEqualTo(message == poison ? 0 : 1);
    }
  }

  /**
   * The batch's connection is killed after half of its effects ran: the transaction is gone, the
   * messages are handled again one by one (a dropped connection is an outage: no attempt used up),
   * and each effect is there once.
   */
  @Test
  void a_batch_whose_connection_is_killed_midway_still_has_each_effect_once() {
    List<Message> sent = things(6);
    AtomicBoolean killed = new AtomicBoolean();
    TxMessageHandler effect =
        (tx, message) -> {
          if (message == sent.get(3) && killed.compareAndSet(false, true)) {
            return killBackendOf(tx).compose(v -> count(tx, message));
          }
          return count(tx, message);
        };
    BatchHandler handler = Inbox.exactlyOnce(database, "probe-crash", effect);

    dispatchTogether(handler, sent);

    await().until(() -> schema.number("SELECT count(*) FROM inbox") == 6);
    assertThat(killed).isTrue();
    for (Message message : sent) {
      assertThat(countOf(message)).as("effects of %s", message).isEqualTo(1);
    }
    assertThat(deadLetters).isEmpty();
  }

  @Test
  void each_message_of_a_batch_gives_the_events_it_raises_its_own_lineage() {
    List<Message> causes =
        things(2).stream()
            .map(
                m ->
                    m.withMetadata(
                        Map.of(
                            Metadata.CORRELATION_ID, "checkout-" + m.aggregateId(),
                            Metadata.TRACEPARENT,
                                "00-" + m.id().replace("-", "") + "-00f067aa0ba902b7-01")))
            .toList();
    BatchHandler handler =
        Inbox.exactlyOnce(
            database,
            "probe-lineage",
            (tx, cause) ->
                Outbox.append(
                    tx,
                    Message.create(TOPIC, "probe.ThingShipped", cause.aggregateId(), new byte[0])));

    dispatchTogether(handler, causes);

    var rows = database.pool().query("SELECT aggregate_id, metadata FROM outbox").execute().await();
    assertThat(rows.size()).isEqualTo(2);
    for (var row : rows) {
      Message cause =
          causes.stream()
              .filter(m -> m.aggregateId().equals(row.getString("aggregate_id")))
              .findFirst()
              .orElseThrow();
      assertThat(row.getJsonObject("metadata").getMap())
          .containsEntry(Metadata.CAUSATION_ID, cause.id())
          .containsEntry(Metadata.CORRELATION_ID, cause.metadata(Metadata.CORRELATION_ID))
          .containsEntry(Metadata.TRACEPARENT, cause.metadata(Metadata.TRACEPARENT));
    }
  }

  /** Dispatches {@code messages} in one event-loop turn, as one poll would. */
  private void dispatchTogether(BatchHandler handler, List<Message> messages) {
    Context context = schema.vertx().getOrCreateContext();
    var dispatcher =
        new MessageDispatcher(
            context,
            "probe",
            options,
            handler,
            letter -> {
              deadLetters.add(letter);
              return Future.succeededFuture();
            });
    List<Future<Void>> done = new CopyOnWriteArrayList<>();
    context.runOnContext(v -> messages.forEach(m -> done.add(dispatcher.dispatch(m))));
    await()
        .until(() -> done.size() == messages.size() && done.stream().allMatch(Future::isComplete));
  }

  private Future<Void> killBackendOf(Tx tx) {
    return tx.connection()
        .query("SELECT pg_backend_pid()")
        .execute()
        .compose(
            rows ->
                database
                    .pool()
                    .preparedQuery("SELECT pg_terminate_backend($1)")
                    .execute(Tuple.of(rows.iterator().next().getInteger(0))))
        .mapEmpty();
  }

  private static TxMessageHandler counting(java.util.function.Predicate<Message> poison) {
    return new TxMessageHandler() {
      @Override
      public Future<Void> handle(Tx tx, Message message) {
        if (poison.test(message)) {
          return count(tx, message).compose(v -> Future.failedFuture("cannot parse " + message));
        }
        return count(tx, message);
      }

      @Override
      public boolean passesOver(String name) {
        return name.equals("probe.ThingIgnored");
      }
    };
  }

  private static Future<Void> count(Tx tx, Message message) {
    return tx.connection()
        .preparedQuery(
            "INSERT INTO things (id, count) VALUES ($1, 1) "
                + "ON CONFLICT (id) DO UPDATE SET count = things.count + 1")
        .execute(Tuple.of(message.aggregateId()))
        .mapEmpty();
  }

  private long countOf(Message message) {
    return schema.number(
        "SELECT coalesce(sum(count), 0) FROM things WHERE id = '" + message.aggregateId() + "'");
  }

  private static List<Message> things(int count) {
    String run = Long.toHexString(System.nanoTime());
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                Message.create(
                    TOPIC,
                    "probe.ThingCounted",
                    "thing-" + run + "-" + i,
                    ("thing " + i).getBytes(StandardCharsets.UTF_8)))
        .toList();
  }
}

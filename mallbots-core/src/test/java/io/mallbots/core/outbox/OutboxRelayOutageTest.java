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
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The relay during a broker outage (the NATS cluster chaos run: a node killed, JetStream answering
 * "503 No Responders" while the stream leader moved): more failed publishes than {@code
 * OUTBOX_MAX_ATTEMPTS}, yet no row is charged or parked, and each is published once the broker
 * takes rows again. A row the broker refuses for its own reasons is still parked after its
 * attempts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayOutageTest {

  private static final int MAX_ATTEMPTS = 2;
  private static final int OUTAGE_FAILURES = 5;

  private final ServiceDatabase schema = ServiceDatabase.create("outbox_outage", "probe");
  private final Database database = schema.database();
  private final Vertx vertx = schema.vertx();
  private OutboxRelay relay;

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("outbox", "outbox_parked");
  }

  @AfterEach
  void stopRelay() {
    if (relay != null) {
      relay.stop().await();
    }
  }

  @Test
  void a_nats_no_responders_outage_longer_than_the_attempts_parks_nothing_and_publishes_once() {
    var broker =
        new FlakyStream(
            failure ->
                new IOException("Error Publishing: 503 No Responders Available For Request"));
    Message reply = append("saga-1", "ReplyReady");

    start(broker);

    await().atMost(Duration.ofSeconds(30)).until(() -> broker.failures.get() > MAX_ATTEMPTS + 1);
    assertThat(count("outbox_parked")).isZero();
    assertThat(attemptsOfOutbox()).containsOnly(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> count("outbox") == 0);
    assertThat(broker.failures.get()).isEqualTo(OUTAGE_FAILURES);
    assertThat(broker.stored).containsExactly(reply.id());
    assertThat(count("outbox_parked")).isZero();
  }

  @Test
  void
      a_kafka_leader_change_parks_nothing_while_a_row_refused_for_its_own_reasons_parks_after_its_attempts() {
    var broker =
        new FlakyStream(
            failure ->
                failure % 2 == 0
                    ? new NotLeaderOrFollowerException("leader moved")
                    : new java.util.concurrent.TimeoutException("no ack in 5 s"));
    broker.refuse("too-large", new RecordTooLargeException("the message is 2000000 bytes"));
    Message fine = append("fine", "ThingHappened");
    Message large = append("too-large", "ThingGrew");
    Message later = append("fine", "ThingHappenedAgain");

    start(broker);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count("outbox_parked") == 1 && count("outbox") == 0);
    assertThat(broker.stored).containsExactly(fine.id(), later.id());
    Row parked =
        database
            .pool()
            .query("SELECT id, attempts, last_error FROM outbox_parked")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(parked.getUUID("id").toString()).isEqualTo(large.id());
    assertThat(parked.getInteger("attempts")).isEqualTo(MAX_ATTEMPTS);
    assertThat(parked.getString("last_error")).contains("RecordTooLargeException");
  }

  private void start(EventStream broker) {
    relay =
        new OutboxRelay(
            vertx,
            database,
            broker,
            new OutboxSettings(
                50, Duration.ofMillis(50), MAX_ATTEMPTS, OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES));
    vertx.runOnContext(v -> relay.start());
  }

  private Message append(String aggregate, String name) {
    Message message =
        Message.create(
            "probe.things.events.Thing",
            "probe." + name,
            aggregate,
            name.getBytes(StandardCharsets.UTF_8));
    database.inTransaction(tx -> Outbox.append(tx, message)).await();
    return message;
  }

  private List<Integer> attemptsOfOutbox() {
    return StreamSupport.stream(
            database.pool().query("SELECT attempts FROM outbox").execute().await().spliterator(),
            false)
        .map(row -> row.getInteger("attempts"))
        .toList();
  }

  private long count(String table) {
    return schema.number("SELECT count(*) FROM " + table);
  }

  /**
   * A broker that fails its first {@link #OUTAGE_FAILURES} publishes with the outage error {@code
   * outage} makes of their number, then stores; it always refuses the aggregates told, and answers
   * pings all along (a NATS connection stays up while JetStream has no stream leader).
   */
  private static final class FlakyStream implements EventStream {
    final AtomicInteger failures = new AtomicInteger();
    final List<String> stored = new CopyOnWriteArrayList<>();
    private final Function<Integer, Throwable> outage;
    private final Map<String, Throwable> refused = new ConcurrentHashMap<>();

    FlakyStream(Function<Integer, Throwable> outage) {
      this.outage = outage;
    }

    void refuse(String aggregate, Throwable error) {
      refused.put(aggregate, error);
    }

    @Override
    public Future<Void> publish(List<Message> messages) {
      Message message = messages.get(0);
      if (refused.containsKey(message.aggregateId())) {
        return Future.failedFuture(refused.get(message.aggregateId()));
      }
      int failure = failures.incrementAndGet();
      if (failure <= OUTAGE_FAILURES) {
        return Future.failedFuture(outage.apply(failure));
      }
      failures.decrementAndGet();
      messages.forEach(m -> stored.add(m.id()));
      return Future.succeededFuture();
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

package io.mallbots.core.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.CoreSettings.OutboxSettings;
import io.mallbots.core.db.Database;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.testing.ServiceDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The relay on a real broker, with a row the broker refuses (a payload over its limit, written to
 * the outbox directly as a row from before {@code MESSAGE_MAX_BYTES} would be): the row is parked
 * after its attempts while other aggregates flow, the later rows of its aggregate wait for it, a
 * replay sends it and them in order, and nothing is published twice. A subclass per broker supplies
 * the stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OutboxParkingContract {

  private static final int MAX_ATTEMPTS = 3;

  /**
   * Over Kafka's producer limit (MESSAGE_MAX_BYTES + headers) and NATS's default max_payload (1
   * MiB).
   */
  private static final int TOO_LARGE = 1_200_000;

  private final ServiceDatabase schema = ServiceDatabase.create("outbox_parking", "probe");
  private final Database database = schema.database();
  private final Vertx vertx = schema.vertx();
  protected EventStream stream;
  private OutboxRelay relay;
  private String topic;
  private final List<Message> delivered = new CopyOnWriteArrayList<>();

  /**
   * The global registry counts nothing until a registry is added to it (the services add
   * Prometheus's).
   */
  private final MeterRegistry meters = new SimpleMeterRegistry();

  /** A new stream connected to the adapter's broker. */
  protected abstract EventStream newStream(Vertx vertx);

  /** Removes what the test left on the broker for {@code topic}. */
  protected void cleanUp(String topic) {}

  @BeforeAll
  void count() {
    Metrics.addRegistry(meters);
  }

  @BeforeEach
  void start() {
    schema.truncate("outbox", "outbox_parked");
    stream = newStream(vertx);
    topic = "parking." + UUID.randomUUID().toString().substring(0, 8) + ".events.Thing";
    stream
        .subscribe(
            topic,
            "parking-watcher",
            message -> {
              delivered.add(message);
              return Future.succeededFuture();
            })
        .await();
    relay =
        new OutboxRelay(
            vertx,
            database,
            stream,
            new OutboxSettings(
                50,
                Duration.ofMillis(100),
                MAX_ATTEMPTS,
                OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES));
  }

  @AfterEach
  void stop() {
    relay.stop().await();
    stream.close().await();
    cleanUp(topic);
    delivered.clear();
  }

  @AfterAll
  void drop() {
    Metrics.removeRegistry(meters);
    schema.close();
  }

  @Test
  void
      a_row_the_broker_refuses_is_parked_while_other_aggregates_flow_and_its_own_wait_until_it_is_replayed() {
    String a1 = insert("a", "a1", new byte[TOO_LARGE]);
    String a2 = insert("a", "a2", bytes("a2"));
    String b1 = insert("b", "b1", bytes("b1"));
    vertx.runOnContext(v -> relay.start());

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ids(delivered).contains(b1) && parked().size() == 1 && parkedCount() == 1.0);
    Row parked = parked().get(0);
    assertThat(parked.getUUID("id").toString()).isEqualTo(a1);
    assertThat(parked.getInteger("attempts")).isEqualTo(MAX_ATTEMPTS);
    assertThat(parked.getString("last_error")).isNotBlank();
    assertThat(parked.getBuffer("payload").length()).isEqualTo(TOO_LARGE);
    assertThat(parked.getString("aggregate_id")).isEqualTo("a");
    assertThat(outboxIds()).containsExactly(a2);

    // After the parking: other aggregates keep flowing, the parked one's later rows wait in the
    // outbox.
    Message b2 = event("b", "b2");
    Message a3 = event("a", "a3");
    database.inTransaction(tx -> Outbox.append(tx, List.of(a3, b2))).await();
    await().atMost(Duration.ofSeconds(30)).until(() -> ids(delivered).contains(b2.id()));
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !ids(delivered).contains(a2) && !ids(delivered).contains(a3));
    assertThat(outboxIds()).containsExactly(a2, a3.id());
    assertThat(database.pool().query("SELECT attempts FROM outbox").execute().await())
        .allSatisfy(row -> assertThat(row.getInteger("attempts")).isZero());

    ParkedOutbox operator = new ParkedOutbox(database);
    List<JsonObject> listed = operator.newest(10).await();
    assertThat(listed)
        .singleElement()
        .satisfies(
            json -> {
              assertThat(json.getString("id")).isEqualTo(a1);
              assertThat(json.getString("topic")).isEqualTo(topic);
              assertThat(json.getInteger("attempts")).isEqualTo(MAX_ATTEMPTS);
              assertThat(json.getInteger("bytes")).isEqualTo(TOO_LARGE);
            });
    assertThat(operator.replay(UUID.randomUUID().toString()).await())
        .isEqualTo(ParkedOutbox.Replay.NOT_FOUND);

    // The cause removed, the parked row goes first, then the rows of its aggregate that waited for
    // it.
    database
        .pool()
        .preparedQuery("UPDATE outbox_parked SET payload = $1 WHERE id = $2")
        .execute(Tuple.of(Buffer.buffer("a1 shrunk"), UUID.fromString(a1)))
        .await();
    assertThat(operator.replay(a1).await()).isEqualTo(ParkedOutbox.Replay.REPLAYED);
    await().atMost(Duration.ofSeconds(30)).until(() -> ofAggregate("a").size() >= 3);
    assertThat(ofAggregate("a")).containsExactly(a1, a2, a3.id());
    assertThat(
            delivered.stream().filter(m -> m.id().equals(a1)).findFirst().orElseThrow().payload())
        .isEqualTo(bytes("a1 shrunk"));
    assertThat(parked()).isEmpty();
    assertThat(outboxIds()).isEmpty();

    // Nothing was published twice: not the batch neighbours of the refused row, not the replayed
    // one.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> delivered.size() == 5);
    assertThat(ids(delivered)).containsExactlyInAnyOrder(a1, a2, a3.id(), b1, b2.id());
  }

  @Test
  void a_replay_that_fails_again_parks_the_row_again_and_its_aggregate_keeps_waiting() {
    String a1 = insert("a", "a1", new byte[TOO_LARGE]);
    String a2 = insert("a", "a2", bytes("a2"));
    vertx.runOnContext(v -> relay.start());
    await().atMost(Duration.ofSeconds(60)).until(() -> parked().size() == 1);

    assertThat(new ParkedOutbox(database).replay(a1).await())
        .isEqualTo(ParkedOutbox.Replay.REPLAYED);
    await().atMost(Duration.ofSeconds(60)).until(() -> parked().size() == 1);
    assertThat(parked().get(0).getUUID("id").toString()).isEqualTo(a1);
    assertThat(parked().get(0).getInteger("attempts")).isEqualTo(MAX_ATTEMPTS);
    assertThat(outboxIds()).containsExactly(a2);
    assertThat(delivered).isEmpty();
  }

  private String insert(String aggregate, String name, byte[] payload) {
    String id = UUID.randomUUID().toString();
    database
        .pool()
        .preparedQuery(
            "INSERT INTO outbox (id, topic, name, version, aggregate_id, payload, metadata) "
                + "VALUES ($1, $2, $3, 1, $4, $5, $6)")
        .execute(
            Tuple.of(
                UUID.fromString(id),
                topic,
                "probe." + name,
                aggregate,
                Buffer.buffer(payload),
                new JsonObject(Map.of("occurred-at", "2026-12-05T00:00:00Z"))))
        .await();
    return id;
  }

  private Message event(String aggregate, String name) {
    return Message.create(topic, "probe." + name, aggregate, bytes(name));
  }

  private List<Row> parked() {
    return StreamSupport.stream(
            database
                .pool()
                .query("SELECT * FROM outbox_parked ORDER BY seq")
                .execute()
                .await()
                .spliterator(),
            false)
        .toList();
  }

  private List<String> outboxIds() {
    return StreamSupport.stream(
            database
                .pool()
                .query("SELECT id FROM outbox ORDER BY seq")
                .execute()
                .await()
                .spliterator(),
            false)
        .map(row -> row.getUUID("id").toString())
        .toList();
  }

  private List<String> ofAggregate(String aggregate) {
    return delivered.stream()
        .filter(m -> m.aggregateId().equals(aggregate))
        .map(Message::id)
        .toList();
  }

  private double parkedCount() {
    Counter counter =
        meters
            .find("mallbots.outbox.parked")
            .tags("schema", database.schema(), "topic", topic)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static List<String> ids(List<Message> messages) {
    return messages.stream().map(Message::id).toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

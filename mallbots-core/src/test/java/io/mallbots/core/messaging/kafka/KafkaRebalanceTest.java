package io.mallbots.core.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.db.Database;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.testing.ServiceDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two members of one consumer group on the real broker, with the inbox in front of the effect as
 * services have it: a member joining and a member leaving mid-stream move partitions, and still
 * every message has its effect once and every key's effects happen in publishing order.
 */
class KafkaRebalanceTest {

  private static final String BROKERS =
      System.getenv().getOrDefault("KAFKA_BROKERS", "127.0.0.1:9092");
  private static final int KEYS = 8;
  private static final int PER_KEY = 60;
  private static final String EFFECT =
      "INSERT INTO things (id, count) VALUES ($1, 1) "
          + "ON CONFLICT (id) DO UPDATE SET count = things.count + 1";

  private final String topic =
      "rebalance-test." + UUID.randomUUID().toString().substring(0, 8) + ".events.Thing";
  private final String group = "rebalance-" + UUID.randomUUID().toString().substring(0, 8);
  private ServiceDatabase schema;
  private Database database;
  private Vertx vertx;
  private KafkaEventStream publisher;
  private KafkaEventStream first;
  private KafkaEventStream second;

  /** Per key, the numbers whose effect ran, in the order they first ran. */
  private final Map<String, LinkedHashSet<Integer>> effects = new ConcurrentHashMap<>();

  private final AtomicInteger handled = new AtomicInteger();

  @BeforeEach
  void start() {
    schema = ServiceDatabase.create("kafka_rebalance", "probe");
    database = schema.database();
    vertx = schema.vertx();
    publisher =
        KafkaEventStream.connect(
                vertx, KafkaSettings.of(BROKERS).withClientIdPrefix("rebalance-test"))
            .await();
    first =
        KafkaEventStream.connect(
                vertx, KafkaSettings.of(BROKERS).withClientIdPrefix("rebalance-one"))
            .await();
    second =
        KafkaEventStream.connect(
                vertx, KafkaSettings.of(BROKERS).withClientIdPrefix("rebalance-two"))
            .await();
  }

  @AfterEach
  void stop() {
    Future.join(publisher.close(), first.close(), second.close()).await();
    schema.close();
  }

  @Test
  void
      members_joining_and_leaving_mid_stream_lose_nothing_double_nothing_and_keep_each_keys_order() {
    publisher
        .publish(
            Message.create(
                topic, "probe.ThingHappened", "warm-up", "0".getBytes(StandardCharsets.UTF_8)))
        .await();
    Subscription leaving = first.subscribe(topic, group, handler()).await();

    Future<Void> published = publishAll();
    await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() >= PER_KEY);
    // A second member joins: the first gives up partitions with records in flight.
    Subscription staying = second.subscribe(topic, group, handler()).await();
    await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() >= KEYS * PER_KEY / 2);
    // The first leaves mid-stream: the second gets its partitions.
    leaving.close().await();
    published.await();

    await().atMost(Duration.ofSeconds(90)).until(() -> effectRows() == KEYS * PER_KEY + 1);
    staying.close().await();

    Row counts =
        database
            .pool()
            .query("SELECT count(*) AS rows, max(count) AS most FROM things")
            .execute()
            .await()
            .iterator()
            .next();
    assertThat(counts.getLong("rows")).isEqualTo(KEYS * PER_KEY + 1);
    assertThat(counts.getInteger("most")).as("no message had its effect twice").isEqualTo(1);
    List<Integer> expected = IntStream.range(0, PER_KEY).boxed().toList();
    for (int k = 0; k < KEYS; k++) {
      LinkedHashSet<Integer> numbers = effects.get("key-" + k);
      synchronized (numbers) {
        assertThat(new ArrayList<>(numbers)).as("key-" + k).containsExactlyElementsOf(expected);
      }
    }
  }

  /** What a service subscribes: inbox, then the effect, in one transaction. */
  private MessageHandler handler() {
    return Inbox.exactlyOnce(
        database,
        group,
        (tx, message) -> {
          handled.incrementAndGet();
          String number = new String(message.payload(), StandardCharsets.UTF_8);
          LinkedHashSet<Integer> numbers =
              effects.computeIfAbsent(message.aggregateId(), k -> new LinkedHashSet<>());
          synchronized (numbers) {
            numbers.add(Integer.parseInt(number));
          }
          return tx.connection().preparedQuery(EFFECT).execute(Tuple.of(message.id())).mapEmpty();
        });
  }

  /** Every key's messages in order, keys interleaved, a few at a time. */
  private Future<Void> publishAll() {
    Future<Void> chain = Future.succeededFuture();
    for (int n = 0; n < PER_KEY; n++) {
      List<Message> round = new ArrayList<>();
      for (int k = 0; k < KEYS; k++) {
        round.add(
            Message.create(
                topic,
                "probe.ThingHappened",
                "key-" + k,
                Integer.toString(n).getBytes(StandardCharsets.UTF_8)));
      }
      chain = chain.compose(v -> publisher.publish(round));
    }
    return chain;
  }

  private long effectRows() {
    return database
        .pool()
        .query("SELECT count(*) FROM things")
        .execute()
        .await()
        .iterator()
        .next()
        .getLong(0);
  }
}

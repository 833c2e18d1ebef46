package io.mallbots.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.memory.MemoryBroker;
import io.mallbots.core.messaging.memory.MemoryEventStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drain's rules on in-JVM brokers with a lag the test dictates: the old subscription closes
 * only after two checks in a row find no lag, a stream closed mid-drain leaves nothing counted as
 * remaining, and dead letters of the old subscription land on the new broker.
 */
class DrainWatchTest {

  private static final String TOPIC = "mallbots.watch.events.Thing";
  private static final String GROUP = "watch-things";

  private final Queue<Long> lags = new ConcurrentLinkedQueue<>();
  private final AtomicInteger checks = new AtomicInteger();

  /** The lag once {@link #lags} is used up. */
  private final AtomicLong held = new AtomicLong();

  private final BrokerLag lag =
      new BrokerLag() {
        @Override
        public Future<Long> lag(String topic, String group) {
          checks.incrementAndGet();
          Long next = lags.poll();
          return Future.succeededFuture(next == null ? held.get() : next);
        }

        @Override
        public Future<Void> close() {
          return Future.succeededFuture();
        }
      };

  private Vertx vertx;
  private EventStream target;
  private EventStream source;
  private DrainingEventStream stream;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    target = new MemoryEventStream(vertx, new MemoryBroker());
    source = new MemoryEventStream(vertx, new MemoryBroker());
    stream =
        new DrainingEventStream(
            vertx,
            target,
            source,
            lag,
            "kafka",
            "watch-" + UUID.randomUUID(),
            Duration.ofMillis(10));
  }

  @AfterEach
  void stop() {
    stream.close().await();
    vertx.close().await();
  }

  @Test
  void the_old_subscription_closes_after_two_checks_in_a_row_find_no_lag() {
    held.set(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    stream
        .subscribe(
            TOPIC,
            GROUP,
            m -> {
              handled.add(m.aggregateId());
              return Future.succeededFuture();
            })
        .await();
    await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() >= 1);
    source.publish(thing("old")).await();
    stream.publish(thing("new")).await();
    await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 2);
    assertThat(handled).containsExactlyInAnyOrder("old", "new");

    lags.addAll(List.of(5L, 0L, 3L, 0L));
    held.set(0);
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.remaining() == 0);
    assertThat(lags).as("a single zero does not end the drain").isEmpty();

    Message late = thing("late");
    source.publish(late).await();
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !handled.contains("late"));
    int drainedAt = checks.get();
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(1))
        .until(() -> checks.get() == drainedAt);
  }

  @Test
  void a_stream_closed_before_the_drain_ended_counts_nothing_as_remaining() {
    for (int i = 0; i < 1000; i++) {
      lags.add(7L);
    }
    stream.subscribe(TOPIC, GROUP, m -> Future.succeededFuture()).await();
    await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() >= 3);
    assertThat(stream.remaining()).isEqualTo(1);

    stream.close().await();

    assertThat(stream.remaining()).isZero();
    int after = checks.get();
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> checks.get() <= after + 1);
  }

  @Test
  void a_dead_letter_of_the_old_subscription_goes_to_the_new_broker() {
    for (int i = 0; i < 1000; i++) {
      lags.add(1L);
    }
    SubscriptionOptions options =
        SubscriptionOptions.DEFAULTS
            .withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(10));
    AtomicInteger attempts = new AtomicInteger();
    stream
        .subscribe(
            TOPIC,
            GROUP,
            options,
            m -> {
              attempts.incrementAndGet();
              return Future.failedFuture(new IllegalArgumentException("unreadable"));
            })
        .await();
    List<Message> onNew = new CopyOnWriteArrayList<>();
    List<Message> onOld = new CopyOnWriteArrayList<>();
    target.subscribe(TOPIC + ".dlq", "letters", collect(onNew)).await();
    source.subscribe(TOPIC + ".dlq", "letters", collect(onOld)).await();

    Message poison = thing("poison");
    source.publish(poison).await();

    await().atMost(Duration.ofSeconds(5)).until(() -> !onNew.isEmpty());
    assertThat(onNew).extracting(Message::id).containsExactly(poison.id());
    assertThat(onNew.get(0).metadata(Metadata.ATTEMPTS)).isEqualTo("2");
    assertThat(attempts.get()).isEqualTo(2);
    assertThat(onOld).isEmpty();
  }

  private static MessageHandler collect(List<Message> into) {
    return m -> {
      into.add(m);
      return Future.succeededFuture();
    };
  }

  private static Message thing(String key) {
    return Message.create(
        TOPIC, "watch.Thing", key, ("thing " + key).getBytes(StandardCharsets.UTF_8));
  }
}

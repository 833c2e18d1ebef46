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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rows a standby instance commits reach the active relay through the standby's notice, not its next
 * poll (here a minute away).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxRelayNoticeTest {

  private static final OutboxSettings SETTINGS =
      new OutboxSettings(
          20,
          Duration.ofMinutes(1),
          5,
          OutboxSettings.DEFAULT_MESSAGE_MAX_BYTES,
          Duration.ofMillis(200));

  private final ServiceDatabase schema = ServiceDatabase.create("outbox_notice", "probe");
  private final Vertx vertx = schema.vertx();
  private final Database first = schema.database();
  private final Database second = Database.connect(vertx, schema.settings());
  private final Set<String> published = ConcurrentHashMap.newKeySet();
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
    relayOne = new OutboxRelay(vertx, first, new Published(), SETTINGS);
    relayTwo = new OutboxRelay(vertx, second, new Published(), SETTINGS);
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
  void rows_a_standby_commits_are_published_at_once_and_none_is_left_for_the_poll() {
    Database standby = relayOne.active() ? second : first;

    for (int i = 0; i < 3; i++) {
      Message one = event("single-" + i);
      standby.inTransaction(tx -> Outbox.append(tx, one)).await();
      await().atMost(Duration.ofSeconds(5)).until(() -> published.contains(one.id()));
    }

    // A burst of commits, each its own transaction: the coalesced notices lose none of them.
    List<Message> burst = new ArrayList<>();
    List<Future<Void>> commits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Message message = event("burst-" + (i % 7));
      burst.add(message);
      commits.add(standby.inTransaction(tx -> Outbox.append(tx, message)));
    }
    Future.all(commits).await();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> burst.stream().allMatch(m -> published.contains(m.id())));
    assertThat(schema.number("SELECT count(*) FROM outbox")).isZero();
  }

  private static Message event(String aggregate) {
    return Message.create(
        "probe.things.events.Thing",
        "probe.ThingHappened",
        aggregate,
        aggregate.getBytes(StandardCharsets.UTF_8));
  }

  /** A broker stand-in that stores every message at once. */
  private final class Published implements EventStream {
    @Override
    public Future<Void> publish(List<Message> messages) {
      messages.forEach(m -> published.add(m.id()));
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

package io.mallbots.core.outbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One pass: the claim is sent right behind BEGIN without waiting for it, yet it is part of the
 * pass's transaction; its row locks hold until the published rows are deleted at commit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayBatchTest {

  private final ServiceDatabase schema = ServiceDatabase.create("relay_batch", "probe");
  private final Database database = schema.database();
  private final Vertx vertx = schema.vertx();

  @AfterAll
  void drop() {
    schema.close();
  }

  @Test
  void the_claimed_rows_stay_locked_until_the_pass_commits_their_deletion() {
    schema.truncate("outbox", "outbox_parked");
    var broker = new HeldStream();
    Message event =
        Message.create(
            "probe.things.events.Thing",
            "probe.ThingHappened",
            "t-1",
            "t-1".getBytes(StandardCharsets.UTF_8));
    database.inTransaction(tx -> Outbox.append(tx, event)).await();
    var relay =
        new OutboxRelay(vertx, database, broker, new OutboxSettings(10, Duration.ofMillis(100)));
    vertx.runOnContext(v -> relay.start());

    await().atMost(Duration.ofSeconds(10)).until(() -> !broker.held.isEmpty());
    assertThatThrownBy(
            () ->
                database.pool().query("SELECT seq FROM outbox FOR UPDATE NOWAIT").execute().await())
        .hasMessageContaining("could not obtain lock");

    broker.held.forEach(Promise::complete);
    await().atMost(Duration.ofSeconds(10)).until(() -> count() == 0);
    relay.stop().await();
  }

  private long count() {
    return schema.number("SELECT count(*) FROM outbox");
  }

  /** A broker that stores a message only when the test completes its publish. */
  private static final class HeldStream implements EventStream {
    final Queue<Promise<Void>> held = new ConcurrentLinkedQueue<>();

    @Override
    public Future<Void> publish(List<Message> messages) {
      Promise<Void> stored = Promise.promise();
      held.add(stored);
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

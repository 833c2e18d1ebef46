package io.mallbots.core.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallbots.core.db.Database;
import io.mallbots.core.inbox.Inbox;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.testing.OutboxRows;
import io.mallbots.core.testing.ServiceDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLettersTest {

  private final ServiceDatabase schema = ServiceDatabase.create("dead_letters_test", "probe");
  private final Database database = schema.database();
  private final DeadLetters deadLetters = new DeadLetters(database);

  @AfterAll
  void drop() {
    schema.close();
  }

  @BeforeEach
  void empty() {
    schema.truncate("dead_letters", "outbox", "inbox");
  }

  /**
   * A message as the dispatcher sends it to the DLQ after giving up in group {@code search-orders}.
   */
  private static Message letter(String id) {
    return new Message(
        id,
        "mallbots.ordering.events.Order.dlq",
        "ordering.OrderCreated",
        1,
        "order-1",
        "payload".getBytes(StandardCharsets.UTF_8),
        Map.of(
            Metadata.ORIGINAL_TOPIC,
            "mallbots.ordering.events.Order",
            Metadata.DEAD_LETTER_REASON,
            "boom",
            Metadata.ATTEMPTS,
            "5",
            Metadata.DEAD_LETTER_GROUP,
            "search-orders",
            Metadata.CORRELATION_ID,
            "corr-1"));
  }

  @Test
  void a_dead_letter_is_kept_once_and_listed_with_its_reason() {
    deadLetters.record(letter("m-1")).await();
    deadLetters.record(letter("m-1")).await();

    var listed = deadLetters.newest(10).await();
    assertThat(listed)
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.getString("messageId")).isEqualTo("m-1");
              assertThat(row.getString("subscriber")).isEqualTo("search-orders");
              assertThat(row.getString("topic")).isEqualTo("mallbots.ordering.events.Order");
              assertThat(row.getString("reason")).isEqualTo("boom");
              assertThat(row.getInteger("attempts")).isEqualTo(5);
              assertThat(row.getString("replayedAt")).isNull();
            });
  }

  @Test
  void a_replay_goes_to_the_original_topic_once_under_a_new_id_naming_the_original() {
    deadLetters.record(letter("m-2")).await();

    assertThat(deadLetters.replay("m-2", "search-orders").await())
        .isEqualTo(DeadLetters.Replay.REPLAYED);
    assertThat(deadLetters.replay("m-2", "search-orders").await())
        .isEqualTo(DeadLetters.Replay.ALREADY_REPLAYED);
    assertThat(deadLetters.replay("m-2", "someone-else").await())
        .isEqualTo(DeadLetters.Replay.NOT_FOUND);

    assertThat(OutboxRows.all(database))
        .singleElement()
        .satisfies(
            replayed -> {
              assertThat(replayed.id()).isNotEqualTo("m-2");
              assertThat(replayed.topic()).isEqualTo("mallbots.ordering.events.Order");
              assertThat(replayed.metadata(Metadata.REPLAY_OF)).isEqualTo("m-2");
              assertThat(replayed.metadata(Metadata.CORRELATION_ID)).isEqualTo("corr-1");
              assertThat(replayed.metadata(Metadata.DEAD_LETTER_REASON)).isNull();
              assertThat(new String(replayed.payload(), StandardCharsets.UTF_8))
                  .isEqualTo("payload");
            });
    assertThat(deadLetters.newest(10).await().get(0).getString("replayedAt")).isNotNull();
  }

  @Test
  void a_subscriber_that_handled_the_original_does_not_act_on_its_replay() {
    Message original = letter("m-3").toTopic("mallbots.ordering.events.Order");
    Message replay =
        new Message(
            "m-3-again",
            original.topic(),
            original.name(),
            1,
            original.aggregateId(),
            original.payload(),
            Map.of(Metadata.REPLAY_OF, "m-3"));

    boolean first =
        database
            .inTransaction(tx -> Inbox.firstDelivery(tx, "notifications-orders", original))
            .await();
    boolean again =
        database
            .inTransaction(tx -> Inbox.firstDelivery(tx, "notifications-orders", replay))
            .await();
    boolean failedOne =
        database.inTransaction(tx -> Inbox.firstDelivery(tx, "search-orders", replay)).await();

    assertThat(first).isTrue();
    assertThat(again).isFalse();
    assertThat(failedOne).isTrue();
  }
}

package io.mallbots.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batched delivery ({@code MESSAGE_BATCH_SIZE}), checked the same way against every adapter, with
 * batches of one (each message alone, as without batching) and of several. The handler is
 * all-or-nothing per batch, as a transactional one is ({@link AllOrNothing}).
 */
public abstract class BatchedDeliveryContract {

  protected Vertx vertx;
  protected EventStream stream;
  private String topic;

  /** A new stream connected to the adapter's broker. */
  protected abstract EventStream newStream(Vertx vertx);

  /** How long a message may take to arrive; real brokers need longer for a group to form. */
  protected Duration patience() {
    return Duration.ofSeconds(30);
  }

  /**
   * Whether messages published together surely reach the subscriber in one event-loop turn (one
   * poll does); a broker that pushes them one by one forms batches only when arrivals overlap.
   */
  protected boolean deliversTogether() {
    return true;
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    stream = newStream(vertx);
    topic = "contract." + UUID.randomUUID().toString().substring(0, 8) + ".events.Thing";
  }

  @AfterEach
  void stop() {
    stream.close().await();
    vertx.close().await();
  }

  /**
   * Nine messages published together, the fifth poison: the eight others have their effect once
   * each; the poison one is tried alone until its attempts are used up and is the only dead letter.
   */
  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 8})
  void a_poison_message_in_a_batch_is_retried_and_dead_lettered_alone(int batchSize) {
    var options =
        SubscriptionOptions.DEFAULTS
            .withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
            .withBatchSize(batchSize);
    List<Message> sent =
        IntStream.range(0, 9)
            .mapToObj(i -> message("key-" + i, i == 4 ? "poison" : "m" + i))
            .toList();
    Message poison = sent.get(4);
    var handler = new AllOrNothing(m -> m.id().equals(poison.id()));
    stream.subscribe(topic, "batched-poison", options, handler).await();
    var deadLetters = new AllOrNothing(m -> false);
    stream.subscribe(EventStream.deadLetterTopic(topic), "batched-dlq", deadLetters).await();

    stream.publish(sent).await();

    await()
        .atMost(patience())
        .until(() -> handler.effects.size() == 8 && deadLetters.ids().contains(poison.id()));
    for (Message message : sent) {
      assertThat(handler.effectsOf(message))
          .as("effects of %s", message)
          .isEqualTo(message == poison ? 0 : 1);
    }
    assertThat(handler.alone.get(poison.id())).as("tries alone").hasValue(3);
    assertThat(deadLetters.effects).extracting(Message::id).containsExactly(poison.id());
    assertThat(handler.batches).allSatisfy(size -> assertThat(size).isBetween(2, batchSize));
    if (batchSize > 1 && deliversTogether()) {
      assertThat(handler.batches).as("batches formed").isNotEmpty();
    }
  }

  /**
   * Messages of four keys published in rounds while the handler takes a while per call, so batches
   * hold several messages of a key and a key's messages span batches: each key's effects are in
   * publishing order, each once.
   */
  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 8})
  void each_keys_order_holds_inside_and_across_batches(int batchSize) {
    var options = SubscriptionOptions.DEFAULTS.withMaxInFlight(16).withBatchSize(batchSize);
    var handler = new AllOrNothing(m -> false, vertx, 3);
    stream.subscribe(topic, "batched-order", options, handler).await();

    List<Message> sent = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      List<Message> batch =
          IntStream.range(0, 20)
              .mapToObj(i -> message("key-" + (i % 4), "m" + sent.size() + i))
              .toList();
      sent.addAll(batch);
      stream.publish(batch).await();
    }

    await().atMost(patience()).until(() -> handler.ids().size() == sent.size());
    assertThat(handler.effects).hasSameSizeAs(sent);
    for (int key = 0; key < 4; key++) {
      String k = "key-" + key;
      assertThat(handler.idsOf(k))
          .as("order of %s", k)
          .containsExactlyElementsOf(
              sent.stream().filter(m -> m.aggregateId().equals(k)).map(Message::id).toList());
    }
    if (batchSize == 1) {
      assertThat(handler.batches).isEmpty();
    } else {
      assertThat(handler.batches).allSatisfy(size -> assertThat(size).isBetween(2, batchSize));
      if (deliversTogether()) {
        assertThat(handler.batches).as("batches formed").isNotEmpty();
      }
    }
  }

  private Message message(String key, String body) {
    return Message.create(
        topic, "contract.ThingHappened", key, body.getBytes(StandardCharsets.UTF_8));
  }
}

package io.mallbots.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageDispatcherBatchTest {

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final List<Message> deadLetters = new CopyOnWriteArrayList<>();
  private final SubscriptionOptions options =
      SubscriptionOptions.DEFAULTS
          .withMaxAttempts(3)
          .withBackoff(Duration.ofMillis(5), Duration.ofMillis(10))
          .withBatchSize(4);

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void what_is_dispatched_in_one_turn_is_handed_over_in_batches_of_at_most_the_batch_size() {
    var handler = new AllOrNothing(m -> false);
    var dispatcher = dispatcher(options, handler);
    List<Message> sent = IntStream.range(0, 10).mapToObj(i -> message("k" + i, "m" + i)).toList();

    context.runOnContext(v -> sent.forEach(dispatcher::dispatch));

    await().until(() -> handler.effects.size() == 10);
    assertThat(handler.batches).containsExactly(4, 4, 2);
    assertThat(handler.alone).isEmpty();
  }

  @Test
  void a_failed_batch_is_handled_one_by_one_and_only_the_bad_message_is_dead_lettered() {
    var handler = new AllOrNothing(m -> new String(m.payload()).equals("poison"));
    var dispatcher = dispatcher(options, handler);
    List<Message> sent =
        List.of(message("a", "1"), message("b", "2"), message("c", "poison"), message("d", "4"));

    context.runOnContext(v -> sent.forEach(dispatcher::dispatch));

    await().until(() -> deadLetters.size() == 1 && handler.effects.size() == 3);
    assertThat(handler.batches).containsExactly(4);
    for (Message message : sent) {
      boolean poison = new String(message.payload()).equals("poison");
      assertThat(handler.effectsOf(message)).isEqualTo(poison ? 0 : 1);
      assertThat(handler.alone.get(message.id()).get()).isEqualTo(poison ? 3 : 1);
    }
    assertThat(deadLetters).extracting(Message::id).containsExactly(sent.get(2).id());
  }

  @Test
  void a_batch_waits_for_the_earlier_messages_of_its_keys_and_only_for_those() {
    Promise<Void> slow = Promise.promise();
    List<String> order = new CopyOnWriteArrayList<>();
    List<List<String>> started = new CopyOnWriteArrayList<>();
    BatchHandler handler =
        BatchHandler.of(
            m -> {
              order.add(new String(m.payload()));
              return Future.succeededFuture();
            },
            batch -> {
              List<String> bodies =
                  batch.messages().stream().map(m -> new String(m.payload())).toList();
              started.add(bodies);
              Future<Void> done = bodies.contains("k-1") ? slow.future() : Future.succeededFuture();
              return done.onSuccess(v -> order.addAll(bodies));
            });
    var dispatcher = dispatcher(options, handler);

    context.runOnContext(
        v -> {
          dispatcher.dispatch(message("k", "k-1"));
          dispatcher.dispatch(message("k", "k-2"));
        });
    await().until(() -> started.size() == 1);
    context.runOnContext(
        v -> {
          dispatcher.dispatch(message("k", "k-3"));
          dispatcher.dispatch(message("other", "other-1"));
          dispatcher.dispatch(message("k", "k-4"));
        });
    await().until(() -> order.contains("other-1"));
    assertThat(order).containsExactly("other-1");
    assertThat(started).containsExactly(List.of("k-1", "k-2"));

    context.runOnContext(v -> slow.complete());
    await().until(() -> order.size() == 5);
    assertThat(order).containsExactly("other-1", "k-1", "k-2", "k-3", "k-4");
    assertThat(started).containsExactly(List.of("k-1", "k-2"), List.of("k-3", "k-4"));
  }

  @Test
  void with_batch_size_one_every_message_is_handled_alone() {
    var handler = new AllOrNothing(m -> false);
    var dispatcher = dispatcher(options.withBatchSize(1), handler);

    context.runOnContext(
        v -> IntStream.range(0, 5).forEach(i -> dispatcher.dispatch(message("k" + i, "m"))));

    await().until(() -> handler.effects.size() == 5);
    assertThat(handler.batches).isEmpty();
    assertThat(handler.alone).hasSize(5);
  }

  private MessageDispatcher dispatcher(SubscriptionOptions options, MessageHandler handler) {
    return new MessageDispatcher(
        context,
        "group",
        options,
        handler,
        letter -> {
          deadLetters.add(letter);
          return Future.succeededFuture();
        });
  }

  private static Message message(String key, String body) {
    return Message.create("mallbots.probe.events.Thing", "probe.Thing", key, body.getBytes());
  }
}

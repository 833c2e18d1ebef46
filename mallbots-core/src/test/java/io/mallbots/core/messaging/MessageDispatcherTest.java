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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageDispatcherTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<Message> deadLetters = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void a_message_still_being_retried_when_the_subscription_closes_is_not_acknowledged() {
    var options =
        SubscriptionOptions.DEFAULTS.withBackoff(Duration.ofMillis(50), Duration.ofMillis(50));
    AtomicInteger attempts = new AtomicInteger();
    AtomicReference<Future<Void>> outcome = new AtomicReference<>();
    Context context = vertx.getOrCreateContext();
    var dispatcher =
        new MessageDispatcher(
            context,
            "group",
            options,
            m -> {
              attempts.incrementAndGet();
              return Future.failedFuture("database down");
            },
            this::deadLetter);

    context.runOnContext(v -> outcome.set(dispatcher.dispatch(message("k", "first"))));
    await().until(() -> attempts.get() >= 1);
    context.runOnContext(v -> dispatcher.close());

    await().until(() -> outcome.get() != null && outcome.get().isComplete());
    assertThat(outcome.get().failed()).as("not acknowledged").isTrue();
    assertThat(deadLetters).isEmpty();
  }

  @Test
  void a_message_waits_out_a_database_outage_without_using_up_its_attempts() {
    var options =
        SubscriptionOptions.DEFAULTS
            .withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<Future<Void>> outcome = new AtomicReference<>();
    Context context = vertx.getOrCreateContext();
    var dispatcher =
        new MessageDispatcher(
            context,
            "group",
            options,
            m ->
                calls.incrementAndGet() <= 6
                    ? Future.failedFuture(
                        new io.vertx.core.VertxException(
                            new java.net.ConnectException("Connection refused")))
                    : Future.succeededFuture(),
            this::deadLetter);

    context.runOnContext(v -> outcome.set(dispatcher.dispatch(message("k", "checkout"))));

    await().until(() -> outcome.get() != null && outcome.get().isComplete());
    assertThat(outcome.get().succeeded()).isTrue();
    assertThat(calls.get()).as("six refused connections, then the database was back").isEqualTo(7);
    assertThat(deadLetters).as("an outage is not the message's fault").isEmpty();
  }

  @Test
  void a_later_message_of_the_same_key_waits_for_the_earlier_one_even_when_it_fails_for_good() {
    var options =
        SubscriptionOptions.DEFAULTS
            .withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(5));
    List<String> handled = new CopyOnWriteArrayList<>();
    Promise<Void> release = Promise.promise();
    Context context = vertx.getOrCreateContext();
    var dispatcher =
        new MessageDispatcher(
            context,
            "group",
            options,
            m -> {
              String body = new String(m.payload());
              if (body.equals("poison")) {
                return release.future().compose(v -> Future.failedFuture("cannot parse"));
              }
              handled.add(body);
              return Future.succeededFuture();
            },
            this::deadLetter);

    context.runOnContext(
        v -> {
          dispatcher.dispatch(message("k", "poison"));
          dispatcher.dispatch(message("k", "after"));
          dispatcher.dispatch(message("other", "independent"));
        });
    await().until(() -> handled.contains("independent"));
    assertThat(handled).doesNotContain("after");

    context.runOnContext(v -> release.complete());
    await().until(() -> handled.contains("after"));
    assertThat(deadLetters).extracting(m -> new String(m.payload())).containsExactly("poison");
  }

  @Test
  void
      a_dead_lettered_message_is_handled_once_its_dead_letter_is_recorded_whether_or_not_recording_works() {
    Promise<Void> recorded = Promise.promise();
    AtomicInteger recordings = new AtomicInteger();
    var options =
        SubscriptionOptions.DEFAULTS
            .withMaxAttempts(1)
            .withDeadLetters(
                letter ->
                    recordings.incrementAndGet() == 1
                        ? recorded.future()
                        : Future.failedFuture("dead_letters table gone"));
    AtomicReference<Future<Void>> first = new AtomicReference<>();
    AtomicReference<Future<Void>> second = new AtomicReference<>();
    Context context = vertx.getOrCreateContext();
    var dispatcher =
        new MessageDispatcher(
            context, "group", options, m -> Future.failedFuture("cannot parse"), this::deadLetter);

    context.runOnContext(v -> first.set(dispatcher.dispatch(message("k", "poison"))));
    await().until(() -> recordings.get() == 1);
    assertThat(first.get().isComplete())
        .as("handled before its dead letter is where operators list them")
        .isFalse();

    context.runOnContext(v -> recorded.complete());
    await().until(() -> first.get().isComplete());
    context.runOnContext(v -> second.set(dispatcher.dispatch(message("other", "poison"))));
    await().until(() -> second.get() != null && second.get().isComplete());
    assertThat(first.get().succeeded()).isTrue();
    assertThat(second.get().succeeded())
        .as("a failed recording is logged, the letter is on the DLQ topic")
        .isTrue();
    assertThat(deadLetters).hasSize(2);
  }

  private Future<Void> deadLetter(Message letter) {
    deadLetters.add(letter);
    return Future.succeededFuture();
  }

  private static Message message(String key, String body) {
    return Message.create("mallbots.probe.events.Thing", "probe.Thing", key, body.getBytes());
  }
}

package io.mallbots.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarantees of {@link EventStream}, checked the same way against every adapter. A subclass per
 * adapter supplies the stream; nothing else may differ.
 */
public abstract class EventStreamContract {

  protected Vertx vertx;
  protected EventStream stream;
  private final List<EventStream> extraStreams = new ArrayList<>();
  private String topic;

  /** A new stream connected to the adapter's broker. */
  protected abstract EventStream newStream(Vertx vertx);

  /** How long a message may take to arrive; real brokers need longer for a group to form. */
  protected Duration patience() {
    return Duration.ofSeconds(30);
  }

  /**
   * {@code MESSAGE_BATCH_SIZE} of the suite's subscriptions: 1 hands every message alone; a
   * subclass with more runs the whole suite with batched delivery.
   */
  protected int batchSize() {
    return 1;
  }

  /** The default options, with the suite's batch size. */
  protected SubscriptionOptions defaults() {
    return SubscriptionOptions.DEFAULTS.withBatchSize(batchSize());
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    stream = newStream(vertx);
    topic = "contract." + UUID.randomUUID().toString().substring(0, 8) + ".events.Thing";
  }

  @AfterEach
  void stop() {
    for (EventStream extra : extraStreams) {
      extra.close().await();
    }
    stream.close().await();
    vertx.close().await();
  }

  @Test
  void every_group_gets_every_message() {
    var first = new Received();
    var second = new Received();
    subscribe("fanout-a", defaults(), first);
    subscribe("fanout-b", defaults(), second);

    List<Message> sent =
        IntStream.range(0, 30).mapToObj(i -> message("key-" + (i % 7), "m" + i)).toList();
    stream.publish(sent).await();

    Set<String> ids = sent.stream().map(Message::id).collect(Collectors.toSet());
    await()
        .atMost(patience())
        .untilAsserted(
            () -> {
              assertThat(first.ids()).containsAll(ids);
              assertThat(second.ids()).containsAll(ids);
            });
  }

  @Test
  void members_of_one_group_share_the_messages() {
    var options = defaults().withMaxInFlight(2);
    var first = new Received(vertx, 20);
    var second = new Received(vertx, 20);
    subscribe("shared", options, first);
    subscribe("shared", options, second);

    List<Message> sent =
        IntStream.range(0, 40).mapToObj(i -> message("key-" + i, "m" + i)).toList();
    stream.publish(sent).await();

    Set<String> ids = sent.stream().map(Message::id).collect(Collectors.toSet());
    await()
        .atMost(patience())
        .untilAsserted(
            () -> {
              Set<String> union = new java.util.HashSet<>(first.ids());
              union.addAll(second.ids());
              assertThat(union).containsAll(ids);
            });
    assertThat(first.ids()).isNotEmpty();
    assertThat(second.ids()).isNotEmpty();
  }

  @Test
  void messages_of_one_key_arrive_in_publishing_order() {
    var received = new Received(vertx, 1);
    subscribe("ordered", defaults(), received);

    List<Message> sent = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Message m = message("key-" + (i % 4), Integer.toString(i));
      sent.add(m);
      if (i % 10 == 9) {
        stream.publish(sent.subList(sent.size() - 10, sent.size())).await();
      }
    }

    await()
        .atMost(patience())
        .until(() -> received.ids().containsAll(sent.stream().map(Message::id).toList()));
    for (int key = 0; key < 4; key++) {
      String k = "key-" + key;
      List<String> expected =
          sent.stream().filter(m -> m.aggregateId().equals(k)).map(Message::id).toList();
      List<String> actual =
          received.messages.stream()
              .filter(m -> m.aggregateId().equals(k))
              .map(Message::id)
              .distinct()
              .toList();
      assertThat(actual).as("order of %s", k).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void a_failed_handler_gets_the_message_again() {
    var options = defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
    Message flaky = message("key-1", "flaky");
    Message after = message("key-1", "after");
    AtomicInteger attempts = new AtomicInteger();
    List<String> handled = new CopyOnWriteArrayList<>();
    stream
        .subscribe(
            topic,
            "retrying",
            options,
            m -> {
              if (m.id().equals(flaky.id()) && attempts.incrementAndGet() < 3) {
                return Future.failedFuture(new IllegalStateException("not yet"));
              }
              handled.add(m.id());
              return Future.succeededFuture();
            })
        .await();

    stream.publish(List.of(flaky, after)).await();

    await()
        .atMost(patience())
        .untilAsserted(() -> assertThat(handled).containsSubsequence(flaky.id(), after.id()));
    assertThat(attempts.get()).isEqualTo(3);
  }

  @Test
  void a_message_that_keeps_failing_goes_to_the_dead_letter_topic() {
    var options =
        defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(10), Duration.ofMillis(20));
    Message poison = message("key-poison", "poison");
    Message healthy = message("key-healthy", "healthy");
    AtomicInteger attempts = new AtomicInteger();
    List<String> handled = new CopyOnWriteArrayList<>();
    stream
        .subscribe(
            topic,
            "dlq-source",
            options,
            m -> {
              if (m.id().equals(poison.id())) {
                attempts.incrementAndGet();
                return Future.failedFuture(new IllegalArgumentException("cannot parse"));
              }
              handled.add(m.id());
              return Future.succeededFuture();
            })
        .await();
    var deadLetters = new Received();
    stream
        .subscribe(EventStream.deadLetterTopic(topic), "dlq-reader", defaults(), deadLetters)
        .await();

    stream.publish(List.of(poison, healthy)).await();

    await()
        .atMost(patience())
        .untilAsserted(
            () -> {
              assertThat(handled).contains(healthy.id());
              assertThat(deadLetters.ids()).contains(poison.id());
            });
    Message letter = deadLetters.messages.get(0);
    assertThat(attempts.get()).isEqualTo(3);
    assertThat(letter.topic()).isEqualTo(EventStream.deadLetterTopic(topic));
    assertThat(letter.metadata())
        .containsEntry(Metadata.ORIGINAL_TOPIC, topic)
        .containsEntry(Metadata.ATTEMPTS, "3")
        .containsEntry(Metadata.DEAD_LETTER_GROUP, "dlq-source");
    assertThat(letter.metadata(Metadata.DEAD_LETTER_REASON)).contains("cannot parse");
    assertThat(letter.payload()).isEqualTo(poison.payload());
  }

  @Test
  void metadata_and_trace_context_arrive_as_published() {
    var received = new Received();
    subscribe("metadata", defaults(), received);
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    Message sent =
        new Message(
            UUID.randomUUID().toString(),
            topic,
            "contract.ThingHappened",
            2,
            "key-m",
            "payload ✓".getBytes(StandardCharsets.UTF_8),
            Map.of(
                Metadata.TRACEPARENT, traceparent,
                Metadata.TRACESTATE, "vendor=value",
                Metadata.CORRELATION_ID, "checkout-42",
                Metadata.CAUSATION_ID, "cause-7",
                Metadata.OCCURRED_AT, "2026-11-24T10:00:00Z"));

    stream.publish(sent).await();

    await().atMost(patience()).until(() -> !received.messages.isEmpty());
    Message got = received.messages.get(0);
    assertThat(got.id()).isEqualTo(sent.id());
    assertThat(got.topic()).isEqualTo(topic);
    assertThat(got.name()).isEqualTo("contract.ThingHappened");
    assertThat(got.version()).isEqualTo(2);
    assertThat(got.aggregateId()).isEqualTo("key-m");
    assertThat(got.payload()).isEqualTo(sent.payload());
    assertThat(got.metadata()).containsAllEntriesOf(sent.metadata());
  }

  @Test
  void a_subscriber_that_comes_back_gets_what_was_published_while_it_was_away() {
    var before = new Received();
    Subscription subscription = subscribe("durable", defaults(), before);
    Message first = message("key-d", "first");
    stream.publish(first).await();
    await().atMost(patience()).until(() -> before.ids().contains(first.id()));
    subscription.close().await();

    List<Message> whileAway = List.of(message("key-d", "second"), message("key-e", "third"));
    stream.publish(whileAway).await();

    EventStream again = extraStream();
    var after = new Received();
    again.subscribe(topic, "durable", defaults(), after).await();
    await()
        .atMost(patience())
        .until(() -> after.ids().containsAll(whileAway.stream().map(Message::id).toList()));
    assertThat(after.ids()).as("acknowledged before leaving").doesNotContain(first.id());
  }

  @Test
  void a_closed_subscription_receives_nothing_more_and_a_closed_stream_refuses_to_publish() {
    var closing = new Received();
    Subscription subscription = subscribe("closing", defaults(), closing);
    Message first = message("key-c", "first");
    stream.publish(first).await();
    await().atMost(patience()).until(() -> closing.ids().contains(first.id()));

    subscription.close().await();
    Message second = message("key-c", "second");
    stream.publish(second).await();
    var witness = new Received();
    subscribe("witness", defaults(), witness);
    await().atMost(patience()).until(() -> witness.ids().contains(second.id()));

    assertThat(closing.ids()).containsExactly(first.id());
    stream.close().await();
    assertThatThrownBy(() -> stream.publish(message("key-c", "third")).await()).isNotNull();
  }

  /**
   * Two instances of a service: two streams, one subscription each, in one group. Every message is
   * handled, the members share the keys (each handles some), and each key's messages are handled in
   * publishing order across the group: taking, for each key, the first time each of its messages
   * finished (a rebalance may hand a message to a member again, at least once), the sequence is the
   * publishing order.
   */
  @Test
  void members_of_one_group_share_the_keys_and_keep_each_keys_order() {
    var options = defaults().withMaxInFlight(4);
    var handled = new Handled(vertx, 2);
    stream.subscribe(topic, "keyed", options, handled.by("first")).await();
    extraStream().subscribe(topic, "keyed", options, handled.by("second")).await();

    List<Message> sent = publishUntilBothMembersWork(handled, "first", "second");
    for (int i = 0; i < 3; i++) {
      sent.addAll(publishRound());
    }

    await().atMost(patience()).until(() -> handled.ids().containsAll(ids(sent)));
    for (String key : KEYS) {
      assertThat(handled.idsOf(key).stream().distinct().toList())
          .as("order of %s", key)
          .containsExactlyElementsOf(idsOf(sent, key));
    }
    assertThat(handled.keysOf("first")).isNotEmpty();
    assertThat(handled.keysOf("second")).isNotEmpty();
  }

  /**
   * One of two members closes while messages of its keys are being published and handled. What is
   * asserted: every published message finishes its handler successfully exactly once in the group
   * (nothing lost; nothing that finished, and so was acknowledged, is handled again: a message the
   * closing member had not finished is handed over, not repeated), each key's finished messages are
   * in publishing order, the closed member finishes nothing after its close completed, and the
   * staying member takes over keys the closing one had.
   */
  @Test
  void a_member_that_closes_hands_its_keys_over_with_nothing_lost_or_handled_twice() {
    var options = defaults().withMaxInFlight(4);
    var handled = new Handled(vertx, 5);
    Subscription leaving =
        extraStream().subscribe(topic, "handover", options, handled.by("leaving")).await();
    stream.subscribe(topic, "handover", options, handled.by("staying")).await();
    List<Message> sent = publishUntilBothMembersWork(handled, "leaving", "staying");
    Set<String> keysOfLeaving = handled.keysOf("leaving");

    for (int i = 0; i < 4; i++) {
      sent.addAll(publishRound());
    }
    Future<Void> closing =
        leaving.close(); // mid-stream: its keys have messages queued and in flight
    for (int i = 0; i < 4; i++) {
      sent.addAll(publishRound());
    }
    closing.await();
    int finishedByLeaving = handled.countOf("leaving");
    for (int i = 0; i < 2; i++) {
      sent.addAll(publishRound());
    }

    await().atMost(patience()).until(() -> handled.ids().containsAll(ids(sent)));
    assertThat(handled.idsInOrder())
        .as("each message finished once")
        .doesNotHaveDuplicates()
        .hasSameSizeAs(sent);
    for (String key : KEYS) {
      assertThat(handled.idsOf(key))
          .as("order of %s", key)
          .containsExactlyElementsOf(idsOf(sent, key));
    }
    assertThat(handled.countOf("leaving")).as("finished after close").isEqualTo(finishedByLeaving);
    assertThat(handled.keysOf("staying"))
        .as("keys taken over")
        .containsAnyElementsOf(keysOfLeaving);
  }

  private static final List<String> KEYS =
      IntStream.range(0, 16).mapToObj(i -> "key-" + i).toList();
  private final AtomicInteger rounds = new AtomicInteger();

  /** One message per key, published as one batch. */
  private List<Message> publishRound() {
    int round = rounds.incrementAndGet();
    List<Message> batch =
        KEYS.stream().map(key -> message(key, "round " + round + " of " + key)).toList();
    stream.publish(batch).await();
    return batch;
  }

  /**
   * Publishes rounds until both members have finished messages: a group may take a moment to form.
   */
  private List<Message> publishUntilBothMembersWork(Handled handled, String one, String other) {
    List<Message> sent = new CopyOnWriteArrayList<>();
    await()
        .atMost(patience())
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              sent.addAll(publishRound());
              return handled.countOf(one) > 0 && handled.countOf(other) > 0;
            });
    return new ArrayList<>(sent);
  }

  private static List<String> ids(List<Message> messages) {
    return messages.stream().map(Message::id).toList();
  }

  private static List<String> idsOf(List<Message> messages, String key) {
    return messages.stream().filter(m -> m.aggregateId().equals(key)).map(Message::id).toList();
  }

  /**
   * What the members of one group finished, in the order they finished it; each takes a while, like
   * real work.
   */
  static final class Handled {
    private final List<Finished> finished = new CopyOnWriteArrayList<>();
    private final Vertx vertx;
    private final long workMillis;

    Handled(Vertx vertx, long workMillis) {
      this.vertx = vertx;
      this.workMillis = workMillis;
    }

    /** The handler of one member; a message counts once its handler is about to succeed. */
    MessageHandler by(String member) {
      return BatchHandler.of(
          message -> finish(member, List.of(message)), batch -> finish(member, batch.messages()));
    }

    private Future<Void> finish(String member, List<Message> messages) {
      Promise<Void> done = Promise.promise();
      vertx.setTimer(
          workMillis,
          id -> {
            messages.forEach(message -> finished.add(new Finished(member, message)));
            done.complete();
          });
      return done.future();
    }

    Set<String> ids() {
      return finished.stream().map(f -> f.message.id()).collect(Collectors.toSet());
    }

    List<String> idsInOrder() {
      return finished.stream().map(f -> f.message.id()).toList();
    }

    List<String> idsOf(String key) {
      return finished.stream()
          .filter(f -> f.message.aggregateId().equals(key))
          .map(f -> f.message.id())
          .toList();
    }

    Set<String> keysOf(String member) {
      return finished.stream()
          .filter(f -> f.member.equals(member))
          .map(f -> f.message.aggregateId())
          .collect(Collectors.toSet());
    }

    int countOf(String member) {
      return (int) finished.stream().filter(f -> f.member.equals(member)).count();
    }

    private record Finished(String member, Message message) {}
  }

  private Subscription subscribe(String group, SubscriptionOptions options, Received received) {
    return stream.subscribe(topic, group, options, received).await();
  }

  private EventStream extraStream() {
    EventStream extra = newStream(vertx);
    extraStreams.add(extra);
    return extra;
  }

  private Message message(String key, String body) {
    return Message.create(
        topic, "contract.ThingHappened", key, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Records what a subscription receives; optionally takes a while per message, like real work. */
  static final class Received implements BatchHandler {
    final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Vertx vertx;
    private final long workMillis;

    Received() {
      this(null, 0);
    }

    Received(Vertx vertx, long workMillis) {
      this.vertx = vertx;
      this.workMillis = workMillis;
    }

    @Override
    public Future<Void> handle(Message message) {
      messages.add(message);
      if (vertx == null || workMillis == 0) {
        return Future.succeededFuture();
      }
      Promise<Void> done = Promise.promise();
      vertx.setTimer(workMillis, id -> done.complete());
      return done.future();
    }

    @Override
    public Future<Void> handleBatch(MessageBatch batch) {
      messages.addAll(batch.messages());
      if (vertx == null || workMillis == 0) {
        return Future.succeededFuture();
      }
      Promise<Void> done = Promise.promise();
      vertx.setTimer(workMillis, id -> done.complete());
      return done.future();
    }

    Set<String> ids() {
      return messages.stream()
          .map(Message::id)
          .collect(Collectors.toCollection(ConcurrentHashMap::newKeySet));
    }
  }
}

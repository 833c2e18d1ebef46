package io.mallbots.core.messaging.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.Metadata;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the NATS adapter does beyond the contract: envelope encoding, deduplication, ack keep-alive.
 */
class NatsEventStreamTest {

  private static final NatsSettings SETTINGS =
      NatsSettings.fromEnv(
          Map.of("NATS_URL", System.getenv().getOrDefault("NATS_URL", NatsSettings.DEFAULT_URL)));

  private Vertx vertx;
  private NatsEventStream stream;
  private Connection admin;
  private JetStreamManagement management;
  private String topic;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // a short ack wait, so that keeping messages alive is put to the test quickly
    stream = NatsEventStream.connect(vertx, SETTINGS.withAckWait(Duration.ofSeconds(1))).await();
    admin = Nats.connect(SETTINGS.url());
    management = admin.jetStreamManagement();
    topic = "natstest." + UUID.randomUUID().toString().substring(0, 8) + ".events.Thing";
  }

  @AfterEach
  void stop() throws Exception {
    var names = stream.knownStreams();
    stream.close().await();
    vertx.close().await();
    for (String name : names) {
      try {
        management.deleteStream(name);
      } catch (JetStreamApiException alreadyGone) {
        // nothing to clean
      }
    }
    admin.close();
  }

  @Test
  void values_nats_headers_cannot_carry_arrive_intact() {
    List<Message> received = new CopyOnWriteArrayList<>();
    stream
        .subscribe(
            topic,
            "encoding",
            m -> {
              received.add(m);
              return Future.succeededFuture();
            })
        .await();
    Message sent =
        new Message(
            UUID.randomUUID().toString(),
            topic,
            "contract.Naïve",
            3,
            "clé 1",
            new byte[] {0, 1, 2},
            Map.of(
                "note",
                "line one\r\nline two",
                "padded",
                "  x  ",
                "empty",
                "",
                "looks-encoded",
                "=?utf-8?b?Zm9v?=",
                Metadata.CORRELATION_ID,
                "checkout-✓"));

    stream.publish(sent).await();

    await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
    Message got = received.get(0);
    assertThat(got.id()).isEqualTo(sent.id());
    assertThat(got.name()).isEqualTo(sent.name());
    assertThat(got.version()).isEqualTo(3);
    assertThat(got.aggregateId()).isEqualTo("clé 1");
    assertThat(got.payload()).isEqualTo(sent.payload());
    assertThat(got.metadata()).isEqualTo(sent.metadata());
  }

  @Test
  void metadata_keys_of_the_envelope_are_refused() {
    Message sent = message("key").withMetadata(NatsEnvelope.ID, "other");

    assertThatThrownBy(() -> stream.publish(sent).await()).hasMessageContaining("reserved");
  }

  @Test
  void a_message_published_twice_is_stored_once() throws Exception {
    Message sent = message("key-1");

    stream.publish(sent).await();
    stream.publish(List.of(sent, sent)).await();

    String name =
        JetStreamNames.streamName(SETTINGS.streamPrefix(), JetStreamNames.serviceSubject(topic));
    assertThat(management.getStreamInfo(name).getStreamState().getMsgCount()).isEqualTo(1);
  }

  @Test
  void each_group_that_gives_up_leaves_its_own_dead_letter() {
    var options = SubscriptionOptions.DEFAULTS.withMaxAttempts(1);
    stream
        .subscribe(
            topic, "first", options, m -> Future.failedFuture(new IllegalStateException("no")))
        .await();
    stream
        .subscribe(
            topic, "second", options, m -> Future.failedFuture(new IllegalStateException("no")))
        .await();
    List<Message> letters = new CopyOnWriteArrayList<>();
    stream
        .subscribe(
            EventStream.deadLetterTopic(topic),
            "reader",
            m -> {
              letters.add(m);
              return Future.succeededFuture();
            })
        .await();

    stream.publish(message("key-1")).await();

    await().atMost(Duration.ofSeconds(10)).until(() -> letters.size() == 2);
    assertThat(letters)
        .extracting(m -> m.metadata(Metadata.DEAD_LETTER_GROUP))
        .containsExactlyInAnyOrder("first", "second");
  }

  @Test
  void a_message_worked_on_longer_than_the_ack_wait_is_not_redelivered() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    stream
        .subscribe(
            topic,
            "slow",
            m -> {
              calls.incrementAndGet();
              Promise<Void> done = Promise.promise();
              vertx.setTimer(2_500, id -> done.complete());
              return done.future();
            })
        .await();

    stream.publish(message("key-1")).await();

    String name =
        JetStreamNames.streamName(SETTINGS.streamPrefix(), JetStreamNames.serviceSubject(topic));
    String durable =
        JetStreamNames.durableName(
            "slow",
            JetStreamNames.partitionSubject(
                topic, JetStreamNames.partition("key-1", SETTINGS.partitions())));
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              var info = management.getConsumerInfo(name, durable);
              return info.getDelivered().getStreamSequence() == 1 && info.getNumAckPending() == 0;
            });
    assertThat(management.getConsumerInfo(name, durable).getRedelivered()).isZero();
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void a_member_with_other_options_updates_the_groups_consumer() throws Exception {
    stream
        .subscribe(
            topic,
            "resized",
            SubscriptionOptions.DEFAULTS.withMaxInFlight(4),
            m -> Future.succeededFuture())
        .await();
    stream
        .subscribe(
            topic,
            "resized",
            SubscriptionOptions.DEFAULTS.withMaxInFlight(8),
            m -> Future.succeededFuture())
        .await();

    String name =
        JetStreamNames.streamName(SETTINGS.streamPrefix(), JetStreamNames.serviceSubject(topic));
    for (int k = 0; k < SETTINGS.partitions(); k++) {
      String subject = JetStreamNames.partitionSubject(topic, k);
      var config =
          management
              .getConsumerInfo(name, JetStreamNames.durableName("resized", subject))
              .getConsumerConfiguration();
      // one message out per partition: order per key holds across a hand-over (docs/adr/0009)
      assertThat(config.getMaxAckPending()).isEqualTo(1);
      assertThat(config.getFilterSubject()).isEqualTo(subject);
    }
  }

  @Test
  void ping_answers_while_connected_and_fails_once_closed() {
    stream.ping().await();
    stream.close().await();

    assertThatThrownBy(() -> stream.ping().await()).hasMessageContaining("closed");
  }

  private Message message(String key) {
    return Message.create(
        topic, "contract.ThingHappened", key, "body".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void
      the_largest_message_the_outbox_accepts_is_stored_and_a_server_that_cannot_take_it_fails_the_connect() {
    List<Message> received = new CopyOnWriteArrayList<>();
    stream
        .subscribe(
            topic,
            "large",
            m -> {
              received.add(m);
              return Future.succeededFuture();
            })
        .await();
    stream
        .publish(
            Message.create(
                topic, "natstest.Large", "k", new byte[NatsSettings.DEFAULT_MESSAGE_MAX_BYTES]))
        .await();
    await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == 1);
    assertThat(received.get(0).payload()).hasSize(NatsSettings.DEFAULT_MESSAGE_MAX_BYTES);

    int beyondTheServer = (int) admin.getMaxPayload();
    assertThatThrownBy(
            () ->
                NatsEventStream.connect(vertx, SETTINGS.withMessageMaxBytes(beyondTheServer))
                    .await())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MESSAGE_MAX_BYTES")
        .hasMessageContaining("max_payload")
        .hasMessageContaining(Long.toString(admin.getMaxPayload()));
  }
}

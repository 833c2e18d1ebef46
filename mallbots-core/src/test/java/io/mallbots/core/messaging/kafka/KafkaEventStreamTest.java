package io.mallbots.core.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the contract suite does not cover: readiness, foreign records, the reserved header names,
 * commits that never pass a message in flight.
 */
class KafkaEventStreamTest {

  private static final String BROKERS =
      System.getenv().getOrDefault("KAFKA_BROKERS", StandardPorts.kafkaBrokers());

  private Vertx vertx;
  private KafkaEventStream stream;
  private final String topic =
      "kafka-test." + UUID.randomUUID().toString().substring(0, 8) + ".events.Thing";

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    stream =
        KafkaEventStream.connect(vertx, KafkaSettings.of(BROKERS).withClientIdPrefix("kafka-test"))
            .await();
  }

  @AfterEach
  void stop() {
    stream.close().await();
    vertx.close().await();
  }

  @Test
  void ping_succeeds_when_the_broker_answers_and_fails_when_none_does() {
    stream.ping().await();

    KafkaEventStream nowhere =
        KafkaEventStream.connect(vertx, KafkaSettings.of("127.0.0.1:1")).await();
    try {
      long started = System.nanoTime();
      assertThatThrownBy(() -> nowhere.ping().await()).isNotNull();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    } finally {
      nowhere.close().await();
    }
    stream.close().await();
    assertThatThrownBy(() -> stream.ping().await()).isNotNull();
  }

  @Test
  void a_record_without_an_envelope_still_reaches_the_handler() throws Exception {
    List<Message> received = new CopyOnWriteArrayList<>();
    stream
        .subscribe(
            topic,
            "foreign",
            m -> {
              received.add(m);
              return Future.succeededFuture();
            })
        .await();

    try (var raw =
        new KafkaProducer<>(
            Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS),
            new StringSerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic, "agg-1", "raw".getBytes(StandardCharsets.UTF_8))).get();
    }

    await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
    Message got = received.get(0);
    assertThat(got.topic()).isEqualTo(topic);
    assertThat(got.aggregateId()).isEqualTo("agg-1");
    assertThat(got.payload()).isEqualTo("raw".getBytes(StandardCharsets.UTF_8));
    assertThat(got.id()).startsWith(topic + "-");
    assertThat(got.name()).isEmpty();
  }

  @Test
  void the_handler_runs_on_the_context_that_subscribed() {
    Context subscriber = vertx.getOrCreateContext();
    List<Context> seen = new CopyOnWriteArrayList<>();
    Promise<Void> subscribed = Promise.promise();
    subscriber.runOnContext(
        v ->
            stream
                .subscribe(
                    topic,
                    "context",
                    m -> {
                      seen.add(Vertx.currentContext());
                      return Future.succeededFuture();
                    })
                .<Void>mapEmpty()
                .onComplete(subscribed));
    subscribed.future().await();

    stream
        .publish(
            List.of(
                Message.create(topic, "contract.ThingHappened", "a", new byte[0]),
                Message.create(topic, "contract.ThingHappened", "b", new byte[0])))
        .await();

    await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 2);
    // Each message runs on its own duplicate of the subscriber's context (its trace stays its own):
    // same event loop, same verticle, so the handler is as single-threaded as the subscriber.
    assertThat(seen)
        .extracting(context -> (Context) ((ContextInternal) context).unwrap())
        .containsOnly(subscriber);
  }

  @Test
  void a_slow_message_holds_up_its_key_only_and_no_commit_passes_it_until_it_finishes()
      throws Exception {
    KafkaEventStream onePartition =
        KafkaEventStream.connect(
                vertx, KafkaSettings.of(BROKERS).withClientIdPrefix("kafka-test").withPartitions(1))
            .await();
    Promise<Void> release = Promise.promise();
    List<String> handled = new CopyOnWriteArrayList<>();
    try (Admin admin =
        Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS))) {
      onePartition
          .subscribe(
              topic,
              "slow",
              m -> {
                Future<Void> done =
                    m.aggregateId().equals("slow") ? release.future() : Future.succeededFuture();
                return done.onSuccess(v -> handled.add(m.aggregateId()));
              })
          .await();

      onePartition
          .publish(Message.create(topic, "contract.ThingHappened", "slow", new byte[0]))
          .await();
      for (int i = 0; i < 5; i++) {
        onePartition
            .publish(Message.create(topic, "contract.ThingHappened", "quick-" + i, new byte[0]))
            .await();
      }

      // Polled one by one or together, the five after it run while the first waits.
      await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 5);
      assertThat(committed(admin, "slow"))
          .as("offset committed while the first is in flight")
          .isLessThanOrEqualTo(0);

      vertx.runOnContext(v -> release.complete());
      await().atMost(Duration.ofSeconds(30)).until(() -> committed(admin, "slow") == 6);
      assertThat(handled).hasSize(6).endsWith("slow");
    } finally {
      vertx.runOnContext(v -> release.tryComplete()); // closing waits for the messages in flight
      onePartition.close().await();
    }
  }

  /** The group's committed offset of the topic's only partition, -1 if none. */
  @Test
  void a_topic_is_created_with_the_partitions_and_min_insync_replicas_the_settings_give()
      throws Exception {
    var settings =
        CoreSettings.from(
            Settings.of(
                "kafkatest",
                Map.of(
                    "EVENT_SERVER_TYPE",
                    "kafka",
                    "KAFKA_BROKERS",
                    BROKERS,
                    "KAFKA_PARTITIONS",
                    "3",
                    "KAFKA_REPLICATION_FACTOR",
                    "1",
                    "KAFKA_MIN_INSYNC_REPLICAS",
                    "1")));
    EventStream configured = EventStreams.connect(vertx, settings).await();
    try (Admin admin =
        Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS))) {
      configured.publish(Message.create(topic, "contract.ThingHappened", "a", new byte[0])).await();

      var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      assertThat(description.partitions()).hasSize(3);
      assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      assertThat(
              admin
                  .describeConfigs(List.of(resource))
                  .all()
                  .get()
                  .get(resource)
                  .get("min.insync.replicas")
                  .value())
          .isEqualTo("1");
    } finally {
      configured.close().await();
    }
  }

  private long committed(Admin admin, String group) throws Exception {
    OffsetAndMetadata offset =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get()
            .get(new TopicPartition(topic, 0));
    return offset == null ? -1 : offset.offset();
  }

  @Test
  void metadata_may_not_shadow_the_envelope_headers() {
    Message message =
        Message.create(topic, "contract.ThingHappened", "key", new byte[0])
            .withMetadata(KafkaEnvelope.ID, "forged");

    assertThatThrownBy(() -> stream.publish(message).await())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publishes_called_back_to_back_from_a_plain_thread_keep_their_order() {
    List<String> received = new CopyOnWriteArrayList<>();
    stream
        .subscribe(
            topic,
            "back-to-back",
            m -> {
              received.add(new String(m.payload(), StandardCharsets.UTF_8));
              return Future.succeededFuture();
            })
        .await();

    // Each call from a thread outside Vert.x gets a context of its own: the order must come from
    // the stream, not from the caller's context.
    List<String> sent = new java.util.ArrayList<>();
    List<Future<Void>> published = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String body = Integer.toString(i);
      sent.add(body);
      published.add(
          stream.publish(
              Message.create(
                  topic, "kafka-test.Numbered", "one-key", body.getBytes(StandardCharsets.UTF_8))));
    }
    Future.all(published).await();

    await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= sent.size());
    assertThat(received).containsExactlyElementsOf(sent);
  }

  @Test
  void
      the_producer_sends_the_largest_message_the_outbox_accepts_and_refuses_a_larger_record_itself() {
    int limit = KafkaSettings.DEFAULT_MESSAGE_MAX_BYTES;
    stream.publish(Message.create(topic, "kafka-test.Large", "k", new byte[limit])).await();

    Message tooLarge =
        Message.create(
            topic,
            "kafka-test.TooLarge",
            "k",
            new byte[limit + KafkaSettings.RECORD_OVERHEAD_BYTES + 1]);
    assertThatThrownBy(() -> stream.publish(tooLarge).await())
        .isInstanceOf(RecordTooLargeException.class)
        .hasMessageContaining(Integer.toString(stream.settings().maxRequestBytes()));
  }
}

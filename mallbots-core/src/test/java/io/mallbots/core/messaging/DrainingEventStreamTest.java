package io.mallbots.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.config.Settings;
import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.messaging.kafka.KafkaGroupLag;
import io.mallbots.core.messaging.kafka.KafkaSettings;
import io.mallbots.core.messaging.nats.NatsGroupLag;
import io.mallbots.core.messaging.nats.NatsSettings;
import io.mallbots.core.testing.TestDatabases;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * EVENT_SERVER_DRAIN_FROM on the real brokers: a service that moved to the new broker handles,
 * once, what the old one still held for its group, publishes only to the new one, and lets the old
 * one go when its group has no lag there.
 */
class DrainingEventStreamTest {

  private static final String TOPIC = "mallbots.drainprobe.events.Thing";
  private static final String GROUP = "drainprobe-things";
  private static final SubscriptionOptions OPTIONS =
      SubscriptionOptions.DEFAULTS
          .withMaxAttempts(2)
          .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50));

  private final String namespace = "drain" + UUID.randomUUID().toString().substring(0, 8);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<EventStream> streams = new ArrayList<>();
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Metrics.addRegistry(meters);
    logged.start();
    logger(DrainingEventStream.class).addAppender(logged);
    logger(DrainingSubscription.class).addAppender(logged);
  }

  @AfterEach
  void stop() throws Exception {
    for (EventStream stream : streams) {
      stream.close().await();
    }
    vertx.close().await();
    Metrics.removeRegistry(meters);
    logger(DrainingEventStream.class).detachAppender(logged);
    logger(DrainingSubscription.class).detachAppender(logged);
    try (Connection nats = Nats.connect(natsUrl())) {
      JetStreamManagement management = nats.jetStreamManagement();
      for (String name : management.getStreamNames()) {
        if (name.contains(namespace.toUpperCase(Locale.ROOT))) {
          management.deleteStream(name);
        }
      }
    }
  }

  @ParameterizedTest(name = "from {0} to {1}")
  @CsvSource({"kafka,nats", "nats,kafka"})
  void what_the_old_broker_holds_is_handled_once_and_then_the_old_broker_is_let_go(
      String from, String to) {
    String service = namespace + "-" + from;
    Map<String, Integer> handled = new ConcurrentHashMap<>();
    MessageHandler handler =
        message -> {
          handled.merge(message.id(), 1, Integer::sum);
          return message.name().equals("drainprobe.Poison")
              ? Future.failedFuture(new IllegalArgumentException("poison"))
              : Future.succeededFuture();
        };
    EventStream old = connect(service, from, null);
    // A group that never reads: its lag counts every message the old broker holds.
    old.subscribe(TOPIC, "census", OPTIONS, m -> Future.succeededFuture())
        .compose(Subscription::close)
        .await();

    // The old run handled some messages, then stopped with more on their way.
    Subscription oldRun = old.subscribe(TOPIC, GROUP, OPTIONS, handler).await();
    List<Message> handledBefore = things("before", 5);
    old.publish(handledBefore).await();
    await().atMost(Duration.ofSeconds(30)).until(() -> handledAll(handled, handledBefore));
    oldRun.close().await();
    List<Message> stranded = new ArrayList<>(things("stranded", 20));
    Message poison = Message.create(TOPIC, "drainprobe.Poison", "poison", bytes("poison"));
    stranded.add(poison);
    old.publish(stranded).await();

    // The new run, on the other broker, draining the old one.
    EventStream draining = connect(service, to, from);
    draining.subscribe(TOPIC, GROUP, OPTIONS, handler).await();
    List<Message> published = things("after", 10);
    draining.publish(published).await();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> handledAll(handled, stranded) && handledAll(handled, published));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> loggedLine("drained from " + from + ": all 1 subscriptions of " + service));
    assertThat(loggedLine("drained " + namespace + "." + TOPIC + " of group " + namespace + "."))
        .isTrue();
    assertThat(remainingGauge(service, from)).isZero();

    handledBefore.forEach(m -> assertThat(handled.get(m.id())).as("handled before").isEqualTo(1));
    stranded.stream()
        .filter(m -> m != poison)
        .forEach(m -> assertThat(handled.get(m.id())).as("stranded").isEqualTo(1));
    published.forEach(m -> assertThat(handled.get(m.id())).as("published").isEqualTo(1));
    assertThat(handled.get(poison.id())).isEqualTo(OPTIONS.maxAttempts());

    // The new messages went to the new broker only; the poison's dead letter too.
    BrokerLag oldBroker = lagProbe(service, from);
    assertThat(oldBroker.lag(namespace + "." + TOPIC, namespace + ".census").await())
        .isEqualTo(handledBefore.size() + stranded.size());
    EventStream newBroker = connect(service, to, null);
    List<Message> deadLetters = new ArrayList<>();
    newBroker
        .subscribe(
            EventStream.deadLetterTopic(TOPIC),
            "dead-letters",
            OPTIONS,
            m -> {
              deadLetters.add(m);
              return Future.succeededFuture();
            })
        .await();
    await().atMost(Duration.ofSeconds(30)).until(() -> !deadLetters.isEmpty());
    assertThat(deadLetters).extracting(Message::id).containsExactly(poison.id());
    assertThat(deadLetters.get(0).metadata(Metadata.DEAD_LETTER_GROUP))
        .isEqualTo(namespace + "." + GROUP);

    // Drained: what reaches the old broker now is no longer read.
    Message late = Message.create(TOPIC, "drainprobe.Thing", "late", bytes("late"));
    old.publish(late).await();
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !handled.containsKey(late.id()));
    oldBroker.close().await();
  }

  private EventStream connect(String service, String type, String drainFrom) {
    Map<String, String> values = new HashMap<>();
    values.put("EVENT_SERVER_TYPE", type);
    values.put("KAFKA_BROKERS", TestDatabases.env("KAFKA_BROKERS", StandardPorts.kafkaBrokers()));
    values.put("NATS_URL", natsUrl());
    values.put("EVENT_NAMESPACE", namespace);
    if (drainFrom != null) {
      values.put("EVENT_SERVER_DRAIN_FROM", drainFrom);
    }
    EventStream stream =
        EventStreams.connect(vertx, CoreSettings.from(Settings.of(service, values))).await();
    streams.add(stream);
    return stream;
  }

  private BrokerLag lagProbe(String service, String type) {
    return type.equals("kafka")
        ? KafkaGroupLag.connect(
                vertx,
                KafkaSettings.of(TestDatabases.env("KAFKA_BROKERS", StandardPorts.kafkaBrokers())))
            .<BrokerLag>map(lag -> lag)
            .await()
        : NatsGroupLag.connect(vertx, NatsSettings.defaults(natsUrl()))
            .<BrokerLag>map(lag -> lag)
            .await();
  }

  private double remainingGauge(String service, String from) {
    Gauge gauge =
        meters
            .find("mallbots.broker.drain.remaining.subscriptions")
            .tags("service", service, "from", from)
            .gauge();
    assertThat(gauge).as("the remaining-subscriptions gauge").isNotNull();
    return gauge.value();
  }

  private boolean loggedLine(String start) {
    return logged.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith(start));
  }

  private static boolean handledAll(Map<String, Integer> handled, List<Message> messages) {
    return messages.stream().allMatch(m -> handled.containsKey(m.id()));
  }

  private static List<Message> things(String what, int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                Message.create(
                    TOPIC, "drainprobe.Thing", what + "-" + (i % 7), bytes(what + "-" + i)))
        .toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String natsUrl() {
    return TestDatabases.env("NATS_URL", StandardPorts.natsUrl());
  }

  private static Logger logger(Class<?> type) {
    return (Logger) LoggerFactory.getLogger(type);
  }
}

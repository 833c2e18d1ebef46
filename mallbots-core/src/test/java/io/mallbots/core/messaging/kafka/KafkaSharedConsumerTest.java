package io.mallbots.core.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.Subscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service's subscriptions in one consumer group ({@link KafkaSettings#consumerGroup()}): one
 * consumer for all of them, each still its own subscriber, a topic never split between two, and a
 * service moved from one group per subscription resuming where each stopped.
 */
class KafkaSharedConsumerTest {

  private static final String BROKERS =
      System.getenv().getOrDefault("KAFKA_BROKERS", StandardPorts.kafkaBrokers());

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String shared = "shared-test." + run + ".service";
  private final String baskets = "shared-test." + run + ".baskets.Events";
  private final String invoices = "shared-test." + run + ".invoices.Events";
  private final String basketsGroup = "ordering-baskets-" + run;
  private final String invoicesGroup = "ordering-invoices-" + run;

  private Vertx vertx;
  private Admin admin;
  private KafkaEventStream stream;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS));
    stream = connect(settings().withConsumerGroup(shared));
  }

  @AfterEach
  void stop() {
    stream.close().await();
    admin.close(Duration.ofSeconds(5));
    vertx.close().await();
  }

  @Test
  void subscriptions_made_together_share_one_consumer_and_each_gets_its_own_messages()
      throws Exception {
    Received fromBaskets = new Received();
    Received fromInvoices = new Received();
    List<Subscription> subscriptions = bothTogether(fromBaskets, fromInvoices);
    assertThat(subscriptions)
        .extracting(Subscription::group)
        .containsExactly(basketsGroup, invoicesGroup);

    publish(baskets, "b1");
    publish(invoices, "i1");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fromBaskets.size() + fromInvoices.size() == 2);
    assertThat(fromBaskets.payloads()).containsExactly("b1");
    assertThat(fromInvoices.payloads()).containsExactly("i1");
    ConsumerGroupDescription group =
        admin.describeConsumerGroups(List.of(shared)).all().get().get(shared);
    assertThat(group.members()).hasSize(1);
    assertThat(group.members().iterator().next().assignment().topicPartitions())
        .hasSize(2 * KafkaSettings.DEFAULT_PARTITIONS);
    assertThat(assignedTopics()).containsOnly(baskets, invoices);
    Set<String> groups =
        admin.listConsumerGroups().all().get().stream()
            .map(listing -> listing.groupId())
            .collect(Collectors.toSet());
    assertThat(groups).contains(shared).doesNotContain(basketsGroup, invoicesGroup);
  }

  @Test
  void a_second_subscription_to_a_topic_of_the_shared_group_is_refused_and_the_first_reads_on() {
    Received first = new Received();
    stream.subscribe(baskets, basketsGroup, first).await();

    assertThatThrownBy(
            () -> stream.subscribe(baskets, "search-baskets-" + run, new Received()).await())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("would split its messages");

    publish(baskets, "b1");
    await().atMost(Duration.ofSeconds(30)).until(() -> first.size() == 1);
  }

  @Test
  void the_shared_group_starts_where_the_subscription_s_former_group_stopped() {
    KafkaEventStream alone = connect(settings().withPartitions(1));
    Received before = new Received();
    try {
      Subscription former = alone.subscribe(baskets, basketsGroup, before).await();
      publish(baskets, "old-1");
      publish(baskets, "old-2");
      await().atMost(Duration.ofSeconds(30)).until(() -> before.size() == 2);
      former.close().await(); // commits past both
    } finally {
      alone.close().await();
    }
    publish(baskets, "new-1");

    Received after = new Received();
    stream.subscribe(baskets, basketsGroup, after).await();

    // One partition, read in order: had the shared group started at the earliest offset, the old
    // messages would have come first.
    await().atMost(Duration.ofSeconds(30)).until(() -> after.size() >= 1);
    assertThat(after.payloads()).containsExactly("new-1");
  }

  @Test
  void a_closed_subscription_s_topic_goes_to_its_next_subscriber_while_the_other_reads_on() {
    Received fromBaskets = new Received();
    Received fromInvoices = new Received();
    List<Subscription> subscriptions = bothTogether(fromBaskets, fromInvoices);
    subscriptions.get(0).close().await();

    publish(baskets, "b1");
    publish(invoices, "i1");
    await().atMost(Duration.ofSeconds(30)).until(() -> fromInvoices.size() == 1);
    // The member gave the closed topic's partitions back to the group.
    await().atMost(Duration.ofSeconds(30)).until(() -> assignedTopics().equals(Set.of(invoices)));

    Received next = new Received();
    stream.subscribe(baskets, basketsGroup, next).await();
    await().atMost(Duration.ofSeconds(30)).until(() -> next.size() == 1);
    assertThat(next.payloads()).containsExactly("b1");
    assertThat(fromBaskets.size()).isZero();
  }

  /** The topics of the partitions the shared group's members hold. */
  private Set<String> assignedTopics() throws Exception {
    return admin.describeConsumerGroups(List.of(shared)).all().get().get(shared).members().stream()
        .flatMap(member -> member.assignment().topicPartitions().stream())
        .map(TopicPartition::topic)
        .collect(Collectors.toSet());
  }

  private KafkaSettings settings() {
    return KafkaSettings.of(BROKERS).withClientIdPrefix("shared-test");
  }

  private KafkaEventStream connect(KafkaSettings settings) {
    return KafkaEventStream.connect(vertx, settings).await();
  }

  /** Ordering's baskets and invoices subscriptions, made together. */
  private List<Subscription> bothTogether(Received fromBaskets, Received fromInvoices) {
    return together(
        s -> s.subscribe(baskets, basketsGroup, fromBaskets),
        s -> s.subscribe(invoices, invoicesGroup, fromInvoices));
  }

  /** Subscribes in one turn of one context, as a service does. */
  @SafeVarargs
  private List<Subscription> together(
      Function<KafkaEventStream, Future<Subscription>>... subscribing) {
    Context context = vertx.getOrCreateContext();
    Promise<List<Subscription>> all = Promise.promise();
    context.runOnContext(
        v -> {
          List<Future<Subscription>> futures =
              Arrays.stream(subscribing).map(each -> each.apply(stream)).toList();
          Future.all(futures)
              .map(done -> futures.stream().map(Future::result).toList())
              .onComplete(all);
        });
    return all.future().await();
  }

  private void publish(String topic, String payload) {
    stream
        .publish(
            List.of(
                Message.create(
                    topic, "test.Happened", "key-1", payload.getBytes(StandardCharsets.UTF_8))))
        .await();
  }

  /** What a handler received, in order. */
  private static final class Received implements MessageHandler {
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> handle(Message message) {
      messages.add(message);
      return Future.succeededFuture();
    }

    int size() {
      return messages.size();
    }

    List<String> payloads() {
      return messages.stream()
          .map(message -> new String(message.payload(), StandardCharsets.UTF_8))
          .toList();
    }
  }
}

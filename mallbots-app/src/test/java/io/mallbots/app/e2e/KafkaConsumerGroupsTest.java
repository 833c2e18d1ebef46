package io.mallbots.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mallbots.core.config.StandardPorts;
import io.mallbots.core.testing.TestDatabases;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole mall on Kafka reads with one consumer per service (ADR 0011): every consumer group
 * under the mall's namespace is a service's own, {@code mallbots-<service>}, with one member that
 * holds the partitions of every topic the service subscribed to.
 */
@ExtendWith(VertxExtension.class)
class KafkaConsumerGroupsTest {

  private static final String KAFKA =
      TestDatabases.env("KAFKA_BROKERS", StandardPorts.kafkaBrokers());

  /** The topics each service reads (stores reads none). */
  private static final Map<String, Integer> TOPICS =
      Map.of(
          "users", 1, "payments", 2, "ordering", 5, "baskets", 2, "notifications", 2, "search", 4);

  @Test
  void every_service_reads_all_its_topics_with_one_consumer_in_its_own_group(Vertx vertx)
      throws Exception {
    try (RunningMall mall = RunningMall.open(vertx, "kafka", Map.of("POSTGRES_POOL_SIZE", "2"));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA))) {
      String prefix = mall.namespace() + ".";
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                List<String> groups =
                    admin.listConsumerGroups().all().get().stream()
                        .map(ConsumerGroupListing::groupId)
                        .filter(group -> group.startsWith(prefix))
                        .toList();
                assertThat(groups)
                    .containsExactlyInAnyOrderElementsOf(
                        TOPICS.keySet().stream()
                            .map(service -> prefix + "mallbots-" + service)
                            .toList());
                Map<String, ConsumerGroupDescription> described =
                    admin.describeConsumerGroups(groups).all().get();
                for (var service : TOPICS.entrySet()) {
                  ConsumerGroupDescription group =
                      described.get(prefix + "mallbots-" + service.getKey());
                  assertThat(group.members()).as(service.getKey()).hasSize(1);
                  assertThat(topics(group)).as(service.getKey()).hasSize(service.getValue());
                }
              });
    }
  }

  private static Collection<String> topics(ConsumerGroupDescription group) {
    return group.members().iterator().next().assignment().topicPartitions().stream()
        .map(partition -> partition.topic())
        .distinct()
        .toList();
  }
}

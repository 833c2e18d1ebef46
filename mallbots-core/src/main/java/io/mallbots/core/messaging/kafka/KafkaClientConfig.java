package io.mallbots.core.messaging.kafka;

import io.mallbots.core.messaging.SubscriptionOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The kafka-clients settings of a {@link KafkaEventStream}'s admin client, producer and consumers.
 */
final class KafkaClientConfig {

  private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();

  private KafkaClientConfig() {}

  private static String clientId(KafkaSettings settings, String role) {
    return settings.clientIdPrefix() + "-" + role + "-" + CLIENT_SEQUENCE.incrementAndGet();
  }

  static Map<String, Object> adminConfig(KafkaSettings settings) {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId(settings, "admin"));
    return config;
  }

  static Map<String, Object> producerConfig(KafkaSettings settings) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(settings, "producer"));
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    // The outbox relay hands over whole batches already: waiting for more (Kafka 4's default 5 ms)
    // only adds latency to every hop of an order.
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // What the outbox accepts (MESSAGE_MAX_BYTES) plus headers and framing, under the broker's
    // default message.max.bytes: a larger record fails here, at once, naming itself, instead of at
    // the broker.
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxRequestBytes());
    return config;
  }

  static Map<String, Object> consumerConfig(
      KafkaSettings settings, String group, SubscriptionOptions options) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(settings, group));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.maxInFlight());
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    // A member joining or leaving moves only the partitions that must move; the others keep their
    // messages in flight (the eager default revokes every partition of every member).
    config.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    // A member learns of a rebalance (another member joined or left) at its next heartbeat.
    config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    // A member killed without leaving (kill -9, OOM) holds its partitions until its session times
    // out; with the client's 45 s default, make chaos saw a restarted service wait that long for
    // its partitions and the killed one's messages sit unread. 10 s is ten missed heartbeats.
    config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    return config;
  }
}

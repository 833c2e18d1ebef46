package io.mallbots.core.messaging;

import io.mallbots.core.messaging.kafka.KafkaEventStream;
import io.mallbots.core.messaging.kafka.KafkaSettings;
import io.mallbots.core.messaging.memory.MemoryBroker;
import io.mallbots.core.messaging.memory.MemoryEventStream;
import io.mallbots.core.messaging.nats.NatsEventStream;
import io.mallbots.core.messaging.nats.NatsSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Opens the {@link EventStream} that {@code EVENT_SERVER_TYPE} names. */
public final class EventStreams {

  /**
   * The in-JVM broker that all services of one process share when {@code EVENT_SERVER_TYPE=memory}.
   */
  private static final MemoryBroker IN_PROCESS = new MemoryBroker();

  private EventStreams() {}

  /**
   * The in-JVM broker behind {@code EVENT_SERVER_TYPE=memory}; tests observe it through a stream of
   * their own.
   */
  public static MemoryBroker inProcessBroker() {
    return IN_PROCESS;
  }

  /**
   * Connects to the broker {@code settings} name (a service's {@code CoreSettings}), wrapped in the
   * namespace they ask for.
   */
  public static Future<EventStream> connect(Vertx vertx, EventStreamSettings settings) {
    return connectBroker(vertx, settings)
        .map(
            stream ->
                settings.eventNamespace().isEmpty()
                    ? stream
                    : new NamespacedEventStream(stream, settings.eventNamespace()));
  }

  private static Future<EventStream> connectBroker(Vertx vertx, EventStreamSettings settings) {
    return switch (settings.eventServer()) {
      case MEMORY -> Future.succeededFuture(new MemoryEventStream(vertx, IN_PROCESS));
      case KAFKA ->
          KafkaEventStream.connect(
                  vertx,
                  new KafkaSettings(
                          settings.kafkaBrokers(),
                          "mallbots-" + settings.service(),
                          settings.brokerCluster().kafkaPartitions(),
                          settings.brokerCluster().kafkaReplicationFactor(),
                          settings.messageMaxBytes())
                      .withMinInsyncReplicas(settings.brokerCluster().kafkaMinInsyncReplicas()))
              .map(stream -> stream);
      case NATS ->
          NatsEventStream.connect(
                  vertx,
                  NatsSettings.defaults(settings.natsUrl())
                      .withStreamPrefix(settings.natsStream())
                      .withMessageMaxBytes(settings.messageMaxBytes())
                      .withReplicas(settings.brokerCluster().natsReplicas())
                      .withPartitions(settings.brokerCluster().natsPartitions()))
              .map(stream -> stream);
    };
  }
}

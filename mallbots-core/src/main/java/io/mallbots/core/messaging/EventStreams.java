package io.mallbots.core.messaging;

import io.mallbots.core.messaging.kafka.KafkaEventStream;
import io.mallbots.core.messaging.kafka.KafkaGroupLag;
import io.mallbots.core.messaging.kafka.KafkaSettings;
import io.mallbots.core.messaging.memory.MemoryBroker;
import io.mallbots.core.messaging.memory.MemoryEventStream;
import io.mallbots.core.messaging.nats.NatsEventStream;
import io.mallbots.core.messaging.nats.NatsGroupLag;
import io.mallbots.core.messaging.nats.NatsSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Locale;

/**
 * Opens the {@link EventStream} that {@code EVENT_SERVER_TYPE} names, draining the broker {@code
 * EVENT_SERVER_DRAIN_FROM} names if set.
 */
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
   * Connects the service {@code settings} name (its {@code CoreSettings}) to the broker they name,
   * draining the old one they name ({@link DrainingEventStream}), wrapped in the namespace they ask
   * for. On Kafka its subscriptions share one consumer group, {@link #consumerGroup}: one consumer
   * per service instance rather than one per subscription.
   */
  public static Future<EventStream> connectService(Vertx vertx, EventStreamSettings settings) {
    return connect(vertx, settings, true);
  }

  /**
   * Connects like {@link #connectService}, for an observer beside the services (a test, the bench):
   * each subscription reads in the group it names, so it never joins a service's group.
   */
  public static Future<EventStream> connect(Vertx vertx, EventStreamSettings settings) {
    return connect(vertx, settings, false);
  }

  /** The Kafka consumer group of every subscription of the service {@code settings} name. */
  public static String consumerGroup(EventStreamSettings settings) {
    String group = "mallbots-" + settings.service();
    return settings.eventNamespace().isEmpty() ? group : settings.eventNamespace() + "." + group;
  }

  private static Future<EventStream> connect(
      Vertx vertx, EventStreamSettings settings, boolean service) {
    return connectDraining(vertx, settings, service)
        .map(
            stream ->
                settings.eventNamespace().isEmpty()
                    ? stream
                    : new NamespacedEventStream(stream, settings.eventNamespace()));
  }

  private static Future<EventStream> connectDraining(
      Vertx vertx, EventStreamSettings settings, boolean service) {
    Future<EventStream> target = connectBroker(vertx, settings, settings.eventServer(), service);
    if (settings.drainFrom().isEmpty()) {
      return target;
    }
    EventServerType from = settings.drainFrom().get();
    return target.compose(
        now ->
            connectBroker(vertx, settings, from, service)
                .compose(
                    old ->
                        connectLag(vertx, settings, from, service)
                            .<EventStream>map(
                                lag ->
                                    new DrainingEventStream(
                                        vertx,
                                        now,
                                        old,
                                        lag,
                                        from.name().toLowerCase(Locale.ROOT),
                                        settings.service(),
                                        DrainingEventStream.DEFAULT_CHECK_INTERVAL))
                            .recover(
                                error -> old.close().transform(v -> Future.failedFuture(error))))
                .recover(error -> now.close().transform(v -> Future.failedFuture(error))));
  }

  private static Future<EventStream> connectBroker(
      Vertx vertx, EventStreamSettings settings, EventServerType type, boolean service) {
    return switch (type) {
      case MEMORY -> Future.succeededFuture(new MemoryEventStream(vertx, IN_PROCESS));
      case KAFKA ->
          KafkaEventStream.connect(vertx, kafkaSettings(settings, service)).map(stream -> stream);
      case NATS -> NatsEventStream.connect(vertx, natsSettings(settings)).map(stream -> stream);
    };
  }

  /**
   * A reader of the groups' lag on the broker {@code settings} name ({@code EVENT_SERVER_TYPE}),
   * for the operator's view of a drain ({@code GET /drain}) of the service {@code settings} name;
   * topic and group are asked for as the broker holds them (under the namespace, if any). Fails for
   * the in-JVM broker.
   */
  public static Future<BrokerLag> lagOf(Vertx vertx, EventStreamSettings settings) {
    return connectLag(vertx, settings, settings.eventServer(), true);
  }

  private static Future<BrokerLag> connectLag(
      Vertx vertx, EventStreamSettings settings, EventServerType type, boolean service) {
    return switch (type) {
      case KAFKA -> KafkaGroupLag.connect(vertx, kafkaSettings(settings, service)).map(lag -> lag);
      case NATS -> NatsGroupLag.connect(vertx, natsSettings(settings)).map(lag -> lag);
      case MEMORY ->
          Future.failedFuture(
              new IllegalArgumentException("the in-JVM broker keeps nothing to drain"));
    };
  }

  private static KafkaSettings kafkaSettings(EventStreamSettings settings, boolean service) {
    return new KafkaSettings(
            settings.kafkaBrokers(),
            "mallbots-" + settings.service(),
            settings.brokerCluster().kafkaPartitions(),
            settings.brokerCluster().kafkaReplicationFactor(),
            settings.messageMaxBytes())
        .withMinInsyncReplicas(settings.brokerCluster().kafkaMinInsyncReplicas())
        .withConsumerGroup(service ? consumerGroup(settings) : null);
  }

  private static NatsSettings natsSettings(EventStreamSettings settings) {
    return NatsSettings.defaults(settings.natsUrl())
        .withStreamPrefix(settings.natsStream())
        .withMessageMaxBytes(settings.messageMaxBytes())
        .withReplicas(settings.brokerCluster().natsReplicas())
        .withPartitions(settings.brokerCluster().natsPartitions());
  }
}

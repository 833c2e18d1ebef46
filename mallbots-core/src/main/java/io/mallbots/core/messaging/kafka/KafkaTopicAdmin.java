package io.mallbots.core.messaging.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin client of a {@link KafkaEventStream}: creates topics before their first use (with the
 * partitions, replication factor and {@code min.insync.replicas} of the settings), remembers which
 * exist, and answers the readiness check. Any thread; the futures complete on the Kafka admin
 * thread unless a context is given.
 */
final class KafkaTopicAdmin {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopicAdmin.class);

  private static final int ADMIN_TIMEOUT_MS = 15_000;
  private static final int PING_TIMEOUT_MS = 3_000;
  private static final int TOPIC_VISIBLE_TRIES = 50;
  private static final long TOPIC_VISIBLE_PAUSE_MS = 50;

  private final Vertx vertx;
  private final KafkaSettings settings;
  private final Admin admin;

  /**
   * Topics known to exist (or being created), by name; a failed creation is removed so it is tried
   * again.
   */
  private final Map<String, Future<Void>> topics = new ConcurrentHashMap<>();

  KafkaTopicAdmin(Vertx vertx, KafkaSettings settings, Admin admin) {
    this.vertx = vertx;
    this.settings = settings;
    this.admin = admin;
  }

  /**
   * Succeeds, on {@code caller}, when the cluster answers a metadata request within a few seconds.
   */
  Future<Void> ping(Context caller) {
    return fromKafka(
            caller,
            admin
                .describeCluster(new DescribeClusterOptions().timeoutMs(PING_TIMEOUT_MS))
                .clusterId())
        .mapEmpty();
  }

  /** Closes the admin client, waiting at most {@code timeout}. Blocks. */
  void close(Duration timeout) {
    admin.close(timeout);
  }

  boolean known(String topic) {
    Future<Void> creation = topics.get(topic);
    return creation != null && creation.succeeded();
  }

  /**
   * Creates {@code topic} unless this stream knows it exists; completes once the broker serves it.
   */
  Future<Void> ensureTopic(String topic) {
    Future<Void> known = topics.get(topic);
    if (known != null) {
      return known;
    }
    Promise<Void> promise = Promise.promise();
    known = topics.putIfAbsent(topic, promise.future());
    if (known != null) {
      return known;
    }
    var newTopic =
        new NewTopic(topic, settings.partitions(), settings.replicationFactor())
            .configs(Map.of("min.insync.replicas", Integer.toString(settings.minInsyncReplicas())));
    fromKafka(
            null,
            admin
                .createTopics(
                    List.of(newTopic), new CreateTopicsOptions().timeoutMs(ADMIN_TIMEOUT_MS))
                .all())
        .recover(
            error ->
                causedBy(error, TopicExistsException.class)
                    ? Future.succeededFuture()
                    : Future.failedFuture(error))
        .compose(v -> visible(topic, 1))
        .onComplete(
            result -> {
              if (result.failed()) {
                topics.remove(topic, promise.future());
                log.warn("could not create topic {}: {}", topic, String.valueOf(result.cause()));
              }
              promise.handle(result);
            });
    return promise.future();
  }

  /**
   * Waits until the broker's metadata has the new topic, so that consumers get its partitions at
   * once.
   */
  private Future<Void> visible(String topic, int attempt) {
    return fromKafka(
            null,
            admin
                .describeTopics(
                    List.of(topic), new DescribeTopicsOptions().timeoutMs(ADMIN_TIMEOUT_MS))
                .allTopicNames())
        .<Void>mapEmpty()
        .recover(
            error -> {
              if (!causedBy(error, UnknownTopicOrPartitionException.class)
                  || attempt >= TOPIC_VISIBLE_TRIES) {
                return Future.failedFuture(error);
              }
              Promise<Void> later = Promise.promise();
              vertx.setTimer(TOPIC_VISIBLE_PAUSE_MS, id -> later.complete());
              return later.future().compose(v -> visible(topic, attempt + 1));
            });
  }

  /**
   * A Kafka future as a Vert.x future, completed on {@code context} (or on the Kafka thread if
   * null).
   */
  private static <T> Future<T> fromKafka(Context context, KafkaFuture<T> future) {
    return context == null
        ? Future.fromCompletionStage(future.toCompletionStage())
        : Future.fromCompletionStage(future.toCompletionStage(), context);
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}

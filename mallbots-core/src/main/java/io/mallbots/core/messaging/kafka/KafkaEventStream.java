package io.mallbots.core.messaging.kafka;

import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.MessagingMetrics;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaReadStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventStream} on Apache Kafka ({@code EVENT_SERVER_TYPE=kafka}), on vertx-kafka-client.
 *
 * <p>Who calls it: a service's composition root connects one per service with {@link #connect} and
 * hands it to the outbox relay (publish), the event and command handlers (subscribe) and the
 * readiness check (ping). Every method may be called from any thread or Vert.x context; futures
 * complete on the caller's context, and nothing blocks an event loop (the blocking parts of
 * kafka-clients run on the Vert.x Kafka client's own threads, the stream's sending thread or in
 * {@code executeBlocking}).
 *
 * <p>How it maps the contract onto Kafka:
 *
 * <ul>
 *   <li>one idempotent producer ({@code acks=all}) per stream; record key = aggregate id, so one
 *       aggregate's messages share a partition and keep their order; value = payload; the envelope
 *       and the metadata travel as UTF-8 headers (see {@link KafkaEnvelope});
 *   <li>a topic is created (with {@link KafkaSettings#partitions()} partitions) before it is first
 *       used, dead-letter topics {@code <topic>.dlq} too (see {@link KafkaTopicAdmin});
 *   <li>one consumer per service instance, in the service's consumer group, reading every topic it
 *       subscribed to (with {@link KafkaSettings#consumerGroup()}; else one consumer per
 *       subscription, consumer group = subscriber group); offsets committed by hand, never past a
 *       message in flight, also when a rebalance takes a partition away (see {@link KafkaMember});
 *   <li>new topics get {@link KafkaSettings#partitions()}, the replication factor and {@code
 *       min.insync.replicas} of the settings ({@code KAFKA_PARTITIONS}, {@code
 *       KAFKA_REPLICATION_FACTOR}, {@code KAFKA_MIN_INSYNC_REPLICAS}).
 * </ul>
 *
 * <p>Parts: this class publishes, subscribes and closes; {@link KafkaMember} is one consumer and
 * {@link KafkaSubscription} one subscription of it, {@link KafkaGroupOffsets} carries offsets over
 * to the shared group, {@link KafkaTopicAdmin} creates topics and answers the ping, and {@link
 * KafkaClientConfig} holds the kafka-clients settings.
 */
public final class KafkaEventStream implements EventStream {

  private static final Logger log = LoggerFactory.getLogger(KafkaEventStream.class);

  /** How long {@link #subscribe} waits for the group to hand out partitions. */
  private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final KafkaSettings settings;
  private final KafkaTopicAdmin admin;
  private final Producer<String, byte[]> producer;

  /** The one thread that calls the producer's {@code send}, in publish order. */
  private final ExecutorService sender;

  private final KafkaGroupOffsets offsets;
  private final Set<KafkaMember> members = ConcurrentHashMap.newKeySet();

  /** Subscriptions asked for in the current turn of a context, by context: one member each. */
  private final Map<Context, List<Request>> forming = new ConcurrentHashMap<>();

  /** Topics read in the shared consumer group, so that no two subscriptions split one. */
  private final Set<String> sharedTopics = ConcurrentHashMap.newKeySet();

  private volatile boolean closed;
  private Future<Void> closing;

  private KafkaEventStream(
      Vertx vertx, KafkaSettings settings, Admin admin, Producer<String, byte[]> producer) {
    this.vertx = vertx;
    this.settings = settings;
    this.admin = new KafkaTopicAdmin(vertx, settings, admin);
    this.offsets = new KafkaGroupOffsets(vertx, admin);
    this.producer = producer;
    this.sender =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, settings.clientIdPrefix() + "-kafka-send");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Creates the producer and the admin client (off the event loop: their constructors resolve the
   * bootstrap addresses). Does not wait for the broker: use {@link #ping()} for that.
   */
  public static Future<KafkaEventStream> connect(Vertx vertx, KafkaSettings settings) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(settings, "settings");
    return vertx.executeBlocking(
        () -> {
          Admin admin = Admin.create(KafkaClientConfig.adminConfig(settings));
          try {
            var producer =
                new KafkaProducer<>(
                    KafkaClientConfig.producerConfig(settings),
                    new StringSerializer(),
                    new ByteArraySerializer());
            return new KafkaEventStream(vertx, settings, admin, producer);
          } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
          }
        });
  }

  /** The settings this stream was connected with. */
  public KafkaSettings settings() {
    return settings;
  }

  /**
   * Sends the messages in order through the shared producer; completes when the broker acknowledged
   * all of them ({@code acks=all}), fails if any failed or the stream is closed. Creates missing
   * topics first.
   */
  @Override
  public Future<Void> publish(List<Message> messages) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    Context caller = vertx.getOrCreateContext();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(messages.size());
    Set<String> names = new LinkedHashSet<>();
    try {
      for (Message message : messages) {
        records.add(KafkaEnvelope.toRecord(message));
        names.add(message.topic());
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (names.stream().allMatch(admin::known)) {
      // The usual case: send right away, so back-to-back publishes from one caller keep their
      // order.
      return send(records);
    }
    Future<Void> ready = Future.all(names.stream().map(admin::ensureTopic).toList()).mapEmpty();
    return onContext(
        caller,
        ready,
        () ->
            closed
                ? Future.failedFuture(new IllegalStateException("event stream closed"))
                : send(records));
  }

  /**
   * Hands the records to the producer on the stream's sending thread, all of a publish in one task:
   * the producer's {@code send} may block (fetching metadata, or while its buffer is full), one
   * thread keeps every publish in call order whichever thread or context called, and one task per
   * publish rather than one per record spares every record a hop to a worker thread and back.
   */
  private Future<Void> send(List<ProducerRecord<String, byte[]>> records) {
    Context caller = vertx.getOrCreateContext();
    Promise<Void> acknowledged = Promise.promise();
    AtomicInteger waiting = new AtomicInteger(records.size());
    try {
      sender.execute(
          () -> {
            try {
              for (ProducerRecord<String, byte[]> record : records) {
                producer.send(
                    record,
                    (metadata, error) -> {
                      if (error != null) {
                        caller.runOnContext(v -> acknowledged.tryFail(error));
                        return;
                      }
                      MessagingMetrics.published(record.topic(), 1);
                      if (waiting.decrementAndGet() == 0) {
                        caller.runOnContext(v -> acknowledged.tryComplete());
                      }
                    });
              }
            } catch (RuntimeException e) {
              caller.runOnContext(v -> acknowledged.tryFail(e));
            }
          });
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    return acknowledged.future();
  }

  /**
   * Starts reading {@code topic} for subscriber group {@code group}, on the caller's context (where
   * the handler will run). Completes once the consumer group assigned the member its partitions.
   *
   * <p>With {@link KafkaSettings#consumerGroup()} set, the subscriptions made in one turn of a
   * context share one consumer in that group (a service subscribes in one turn), and a topic can
   * have only one subscription at a time: a second would split its messages with the first. Else
   * each subscription has a consumer of its own, in consumer group {@code group}.
   */
  @Override
  public Future<Subscription> subscribe(
      String topic, String group, SubscriptionOptions options, MessageHandler handler) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(handler, "handler");
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    Context context = vertx.getOrCreateContext();
    var request = new Request(topic, group, options, handler, Promise.promise());
    String shared = settings.consumerGroup();
    if (shared == null) {
      startMember(context, group, List.of(request));
    } else if (!sharedTopics.add(topic)) {
      return Future.failedFuture(
          new IllegalStateException(
              "topic "
                  + topic
                  + " is read in consumer group "
                  + shared
                  + " already: a second subscription would split its messages"));
    } else {
      forming.compute(
          context,
          (c, requests) -> {
            if (requests == null) {
              requests = new ArrayList<>();
              // After the caller's turn: every subscription it made joins this member.
              context.runOnContext(v -> startMember(context, shared, forming.remove(context)));
            }
            requests.add(request);
            return requests;
          });
    }
    return request.subscribed().future();
  }

  /** A subscription asked for, waiting for its member to start. */
  private record Request(
      String topic,
      String group,
      SubscriptionOptions options,
      MessageHandler handler,
      Promise<Subscription> subscribed) {}

  /**
   * Starts one member of consumer group {@code consumerGroup} for {@code requests} (creating their
   * topics and, for a shared group, taking over their former groups' offsets first).
   */
  private void startMember(Context context, String consumerGroup, List<Request> requests) {
    Map<String, String> formerGroups = new LinkedHashMap<>();
    requests.forEach(request -> formerGroups.put(request.topic(), request.group()));
    int maxInFlight = requests.stream().mapToInt(r -> r.options().maxInFlight()).max().orElse(1);
    SubscriptionOptions options = requests.get(0).options().withMaxInFlight(maxInFlight);
    Future<KafkaConsumer<String, byte[]>> created =
        Future.all(formerGroups.keySet().stream().map(admin::ensureTopic).toList())
            .compose(
                v ->
                    settings.consumerGroup() == null
                        ? Future.succeededFuture()
                        : offsets.adopt(consumerGroup, formerGroups))
            .compose(
                v ->
                    vertx.executeBlocking(
                        () ->
                            new KafkaConsumer<>(
                                KafkaClientConfig.consumerConfig(settings, consumerGroup, options),
                                new StringDeserializer(),
                                new ByteArrayDeserializer())));
    created.onComplete(
        creation ->
            context.runOnContext(
                v -> {
                  if (creation.failed()) {
                    formerGroups.keySet().forEach(sharedTopics::remove);
                    requests.forEach(request -> request.subscribed().fail(creation.cause()));
                    return;
                  }
                  // On the subscribing context: the Vert.x consumer binds to it and calls back
                  // there.
                  KafkaMember member =
                      join(
                          context,
                          consumerGroup,
                          KafkaReadStream.create(vertx, creation.result()),
                          maxInFlight);
                  List<KafkaSubscription> subscriptions =
                      requests.stream()
                          .map(
                              request ->
                                  member.add(
                                      request.topic(),
                                      request.group(),
                                      new MessageDispatcher(
                                          context,
                                          request.group(),
                                          request.options(),
                                          request.handler(),
                                          this::publish)))
                          .toList();
                  Future<Void> started = member.start(ASSIGNMENT_TIMEOUT);
                  if (closed) {
                    member.close();
                  }
                  started.onComplete(
                      result -> {
                        if (result.succeeded()) {
                          for (int i = 0; i < requests.size(); i++) {
                            requests.get(i).subscribed().complete(subscriptions.get(i));
                          }
                        } else {
                          member
                              .close()
                              .onComplete(
                                  ignored ->
                                      requests.forEach(
                                          request -> request.subscribed().fail(result.cause())));
                        }
                      });
                }));
  }

  /** A new member of {@code consumerGroup}, known to the stream until it closed. */
  private KafkaMember join(
      Context context,
      String consumerGroup,
      KafkaReadStream<String, byte[]> consumer,
      int maxInFlight) {
    var member = new KafkaMember[1];
    member[0] =
        new KafkaMember(
            vertx,
            context,
            consumerGroup,
            consumer,
            maxInFlight,
            sharedTopics::remove,
            () -> members.remove(member[0]));
    members.add(member[0]);
    return member[0];
  }

  /** Succeeds when the cluster answers a metadata request within a few seconds. */
  @Override
  public Future<Void> ping() {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    Context caller = vertx.getOrCreateContext();
    return admin.ping(caller);
  }

  /**
   * Closes every subscription (each finishes and commits what it has in flight), then the producer
   * (after it sent what it holds, for at most a few seconds) and the admin client. Idempotent.
   */
  @Override
  public synchronized Future<Void> close() {
    if (closing != null) {
      return closing;
    }
    closed = true;
    List<Future<Void>> membersClosed = members.stream().map(KafkaMember::close).toList();
    closing =
        Future.join(membersClosed)
            .eventually(
                () ->
                    vertx.executeBlocking(
                        () -> {
                          sender.shutdown();
                          sender.awaitTermination(
                              PRODUCER_CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                          producer.close(PRODUCER_CLOSE_TIMEOUT);
                          admin.close(Duration.ofSeconds(5));
                          return null;
                        }))
            .<Void>mapEmpty()
            .recover(
                error -> {
                  log.warn("closing the Kafka event stream: {}", String.valueOf(error));
                  return Future.succeededFuture();
                });
    return closing;
  }

  /**
   * Runs {@code next} on {@code context} once {@code first} succeeded; the result completes there
   * too.
   */
  private static <T> Future<T> onContext(
      Context context, Future<?> first, Supplier<Future<T>> next) {
    Promise<T> promise = Promise.promise();
    first.onComplete(
        result ->
            context.runOnContext(
                v -> {
                  if (result.failed()) {
                    promise.fail(result.cause());
                  } else {
                    try {
                      next.get().onComplete(promise);
                    } catch (RuntimeException e) {
                      promise.fail(e);
                    }
                  }
                }));
    return promise.future();
  }
}

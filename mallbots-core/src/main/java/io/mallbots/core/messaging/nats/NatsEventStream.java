package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.MessagingMetrics;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventStream} on NATS JetStream (jnats): one connection, one JetStream stream per
 * service, one durable pull consumer per (topic partition, group).
 *
 * <p><b>Streams.</b> A topic {@code a.b.c.d} is stored in the stream of {@code a.b} (subjects
 * {@code a.b} and {@code a.b.>}, so {@code <topic>.dlq} too), named by {@link JetStreamNames}: file
 * storage, limits retention with {@link NatsSettings#maxAge()} / {@link NatsSettings#maxBytes()},
 * deduplication over {@link NatsSettings#duplicateWindow()}. A stream is created on first use (an
 * existing one is used as it is, gaining the subjects if it lacked them) and remembered.
 *
 * <p><b>Publish.</b> Asynchronous JetStream publishes, pipelined on the one connection in call
 * order (so JetStream stores them in that order), at most {@value
 * NatsPublisher#MAX_UNACKED_PUBLISHES} awaiting their acknowledgement (the rest wait in a queue),
 * the envelope in headers ({@link NatsEnvelope}), {@code Nats-Msg-Id} for deduplication. The future
 * completes when every message is acknowledged. Once a message of a call fails, the call's messages
 * still queued fail without being sent; those already in flight may be stored, and a retry of the
 * call stores them once (deduplication).
 *
 * <p><b>Subscribe.</b> Each message is published on {@code <topic>.p<k>}, k a stable hash of its
 * aggregate id modulo {@link NatsSettings#partitions()} ({@link JetStreamNames#partition}). A group
 * has a durable consumer per partition (filter subject = the partition's subject, deliver all,
 * explicit acks, ack wait {@link NatsSettings#ackWait()}, max ack pending 1), and each partition is
 * pulled by the one member of the group holding its lease in a KV bucket; members share the
 * partitions and hand them over in order when one joins, leaves or dies ({@link NatsSubscription},
 * docs/adr/0009). So order per key holds across members, and a member works on at most as many
 * messages at once as it holds partitions. Messages are pulled with the simplified consume API on
 * one NATS dispatcher thread per stream, then hop, in arrival order, to the context that
 * subscribed, where a {@link MessageDispatcher} handles them (order per key, retries, dead
 * letters). Handled (or dead-lettered): ack; not handled because the subscription closed: nak, once
 * its pulls have ended, so the next owner gets it first. Messages being worked on are kept alive
 * with in-progress acks every third of the ack wait.
 *
 * <p><b>Threads.</b> Create with {@link #connect}; then call any method from any thread or context:
 * futures complete on the caller's context (a new one when called from outside Vert.x). Nothing
 * blocks an event loop: connecting, JetStream management calls, flushes and closing run on worker
 * threads.
 *
 * <p><b>Parts.</b> This class connects, subscribes and closes; {@link NatsPublisher} publishes,
 * {@link NatsSubscription} is one subscription, {@link NatsPartitionLeases} its partition leases,
 * {@link NatsPartitionConsumers} its pulls, {@link NatsStreamAdmin} creates streams and consumers,
 * {@link NatsFlush} flushes the connection and {@link NatsConnectionListener} logs what jnats
 * reports.
 */
public final class NatsEventStream implements EventStream {

  private static final Logger log = LoggerFactory.getLogger(NatsEventStream.class);

  private final Vertx vertx;
  private final NatsSettings settings;
  private final Connection connection;
  private final JetStream jetStream;

  /** The one thread on which jnats hands over the messages of every subscription of this stream. */
  private final Dispatcher deliveries;

  private final NatsStreamAdmin admin;
  private final NatsPublisher publisher;
  private final NatsFlush flush;

  /** The KV bucket of partition leases and group heartbeats. */
  private final KeyValue leaseBucket;

  private final Set<NatsSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private CompletableFuture<Void> closing;

  private NatsEventStream(
      Vertx vertx,
      NatsSettings settings,
      Connection connection,
      JetStream jetStream,
      JetStreamManagement management,
      KeyValue leaseBucket) {
    this.vertx = vertx;
    this.settings = settings;
    this.connection = connection;
    this.jetStream = jetStream;
    this.deliveries = connection.createDispatcher();
    this.admin = new NatsStreamAdmin(vertx, settings, management);
    this.publisher = new NatsPublisher(jetStream, admin, settings.partitions());
    this.flush = new NatsFlush(vertx, connection, settings.requestTimeout());
    this.leaseBucket = leaseBucket;
  }

  /**
   * Connects to NATS (on a worker thread: jnats connects blocking) and checks that JetStream
   * answers. Completes on the caller's context; fails when the server cannot be reached or has no
   * JetStream.
   */
  public static Future<NatsEventStream> connect(Vertx vertx, NatsSettings settings) {
    return vertx.executeBlocking(
        () -> {
          NatsConnectionListener listener = new NatsConnectionListener();
          Options options =
              new Options.Builder()
                  .servers(settings.url().split(","))
                  .connectionName("mallbots")
                  .connectionTimeout(settings.requestTimeout())
                  .maxReconnects(-1)
                  .reconnectWait(Duration.ofSeconds(1))
                  .errorListener(listener)
                  .connectionListener(listener)
                  .build();
          Connection connection = Nats.connect(options);
          try {
            JetStreamOptions jsOptions =
                JetStreamOptions.builder().requestTimeout(settings.requestTimeout()).build();
            JetStreamManagement management = connection.jetStreamManagement(jsOptions);
            management.getAccountStatistics(); // fails now, not at first use, when JetStream is off
            long serverLimit = connection.getMaxPayload();
            if (serverLimit > 0
                && (long) settings.messageMaxBytes() + NatsSettings.HEADER_OVERHEAD_BYTES
                    > serverLimit) {
              // The server's limit is not ours to raise: a message the outbox took would be refused
              // at publish.
              throw new IllegalArgumentException(
                  "MESSAGE_MAX_BYTES="
                      + settings.messageMaxBytes()
                      + " plus "
                      + NatsSettings.HEADER_OVERHEAD_BYTES
                      + " bytes of headers is more than the NATS server's max_payload ("
                      + serverLimit
                      + " bytes): lower MESSAGE_MAX_BYTES or raise max_payload");
            }
            KeyValue leases = NatsPartitionLeases.openBucket(connection, settings);
            return new NatsEventStream(
                vertx, settings, connection, connection.jetStream(jsOptions), management, leases);
          } catch (IOException | JetStreamApiException | RuntimeException e) {
            connection.close();
            throw e;
          }
        },
        false);
  }

  @Override
  public Future<Void> publish(List<Message> messages) {
    Context caller = vertx.getOrCreateContext();
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    CompletableFuture<Void> acked;
    try {
      acked = publisher.publish(messages);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return bridge(caller, acked).onSuccess(v -> countPublished(messages));
  }

  private static void countPublished(List<Message> messages) {
    Map<String, Integer> perTopic = new HashMap<>();
    messages.forEach(m -> perTopic.merge(m.topic(), 1, Integer::sum));
    perTopic.forEach(MessagingMetrics::published);
  }

  @Override
  public Future<Subscription> subscribe(
      String topic, String group, SubscriptionOptions options, MessageHandler handler) {
    Context context = vertx.getOrCreateContext();
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    String service;
    try {
      service = JetStreamNames.serviceSubject(topic);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    var subscription = new NatsSubscription[1];
    NatsPartitionLeases memberLeases =
        new NatsPartitionLeases(leaseBucket, group, topic, UUID.randomUUID().toString());
    subscription[0] =
        new NatsSubscription(
            vertx,
            topic,
            group,
            context,
            options,
            handler,
            this::publish,
            settings,
            NatsPartitionConsumers.PULL_EXPIRES,
            memberLeases,
            new NatsPartitionConsumers(
                connection,
                jetStream,
                deliveries,
                admin,
                service,
                topic,
                group,
                delivery -> subscription[0].receive(delivery)),
            flush,
            () -> subscriptions.remove(subscription[0]));
    subscriptions.add(subscription[0]);
    return bridge(context, admin.ensureStream(service))
        .compose(
            stream ->
                context.executeBlocking(
                    () -> {
                      for (int k = 0; k < settings.partitions(); k++) {
                        admin.ensureConsumer(
                            stream, JetStreamNames.partitionSubject(topic, k), group, 1);
                      }
                      return null;
                    },
                    false))
        .compose(v -> subscription[0].start())
        .compose(
            v -> {
              if (closed) {
                return subscription[0]
                    .shutdown()
                    .transform(
                        ignored ->
                            Future.failedFuture(new IllegalStateException("event stream closed")));
              }
              return Future.succeededFuture(subscription[0]);
            },
            error -> subscription[0].shutdown().transform(ignored -> Future.failedFuture(error)));
  }

  /**
   * Succeeds when the connection is up and JetStream answers; the check runs on a worker thread.
   */
  @Override
  public Future<Void> ping() {
    Context caller = vertx.getOrCreateContext();
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    return caller.executeBlocking(
        () -> {
          Connection.Status status = connection.getStatus();
          if (status != Connection.Status.CONNECTED) {
            throw new IllegalStateException("NATS connection is " + status);
          }
          admin.verifyJetStream();
          return null;
        },
        false);
  }

  /**
   * Refuses further publishes, closes every subscription (in-flight messages finish and are
   * acknowledged), waits for the publishes under way to be acknowledged, then closes the
   * connection. Idempotent; completes on the caller's context.
   */
  @Override
  public Future<Void> close() {
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Void> done;
    synchronized (this) {
      if (closing == null) {
        closed = true;
        publisher.close(); // fails what is still queued
        closing = shutdown();
      }
      done = closing;
    }
    return bridge(caller, done);
  }

  private CompletableFuture<Void> shutdown() {
    List<Future<Void>> closes = subscriptions.stream().map(NatsSubscription::close).toList();
    return Future.join(closes)
        .toCompletionStage()
        .toCompletableFuture()
        .handle((ignored, error) -> null)
        .thenCompose(ignored -> publisher.settled()) // each settles within the request timeout
        .thenCompose(ignored -> flush.flush())
        .handle(
            (ignored, error) -> {
              if (error != null) {
                log.warn("NATS flush before close failed: {}", unwrap(error).toString());
              }
              return null;
            })
        .thenCompose(
            ignored ->
                vertx
                    .<Void>executeBlocking(
                        () -> {
                          connection.close();
                          return null;
                        },
                        false)
                    .toCompletionStage());
  }

  /** For tests: the streams this instance created or found. */
  Set<String> knownStreams() {
    return admin.knownStreams();
  }

  /** Completes a Vert.x future on {@code context} from a jnats future completed on any thread. */
  static <T> Future<T> bridge(Context context, CompletionStage<T> stage) {
    Promise<T> promise = Promise.promise();
    stage.whenComplete(
        (value, error) -> {
          Runnable complete =
              () -> {
                if (error == null) {
                  promise.complete(value);
                } else {
                  promise.fail(unwrap(error));
                }
              };
          if (Vertx.currentContext() == context) {
            complete.run();
          } else {
            context.runOnContext(v -> complete.run());
          }
        });
    return promise.future();
  }

  /** The cause a {@link CompletableFuture} wrapped. */
  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Override
  public String toString() {
    return "NatsEventStream["
        + settings.url()
        + " "
        + Arrays.toString(admin.serviceSubjects().toArray())
        + "]";
  }
}

package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.Message;
import io.mallbots.core.messaging.MessageDispatcher;
import io.mallbots.core.messaging.MessageHandler;
import io.mallbots.core.messaging.MessagingMetrics;
import io.mallbots.core.messaging.Subscription;
import io.mallbots.core.messaging.SubscriptionOptions;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ConsumeOptions;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.JetStreamSubscription;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.support.Status;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventStream} on NATS JetStream (jnats): one connection, one JetStream stream per service,
 * one durable pull consumer per (topic, group).
 *
 * <p><b>Streams.</b> A topic {@code a.b.c.d} is stored in the stream of {@code a.b} (subjects {@code a.b}
 * and {@code a.b.>}, so {@code <topic>.dlq} too), named by {@link JetStreamNames}: file storage, limits
 * retention with {@link NatsSettings#maxAge()} / {@link NatsSettings#maxBytes()}, deduplication over
 * {@link NatsSettings#duplicateWindow()}. A stream is created on first use (an existing one is used as it
 * is, gaining the subjects if it lacked them) and remembered.
 *
 * <p><b>Publish.</b> Asynchronous JetStream publishes, pipelined on the one connection in call order
 * (so JetStream stores them in that order), at most {@value #MAX_UNACKED_PUBLISHES} awaiting their
 * acknowledgement (the rest wait in a queue), the envelope in headers ({@link NatsEnvelope}),
 * {@code Nats-Msg-Id} for deduplication. The future completes when every message is acknowledged. Once a
 * message of a call fails, the call's messages still queued fail without being sent; those already in
 * flight may be stored, and a retry of the call stores them once (deduplication).
 *
 * <p><b>Subscribe.</b> A durable consumer per (topic, group) ({@link JetStreamNames#durableName}):
 * filter subject = topic, deliver all, explicit acks, ack wait {@link NatsSettings#ackWait()},
 * max ack pending = {@link SubscriptionOptions#maxInFlight()} (created, or updated to this config).
 * Subscriptions of one group share it (JetStream hands each message to one of them); other groups have
 * their own. Messages are pulled with the simplified consume API on one NATS dispatcher thread per
 * stream, then hop, in arrival order, to the context that subscribed, where a {@link MessageDispatcher}
 * handles them (order per key, retries, dead letters). Handled (or dead-lettered): ack; not handled
 * because the subscription closed: nak, so JetStream redelivers at once. Messages still waiting for
 * their turn are kept alive with in-progress acks every third of the ack wait. JetStream (2.9) does not
 * route by key: with several members in a group, order per key holds within each member, not across them.
 *
 * <p><b>Threads.</b> Create with {@link #connect}; then call any method from any thread or context:
 * futures complete on the caller's context (a new one when called from outside Vert.x). Nothing blocks an
 * event loop: connecting, JetStream management calls, flushes and closing run on worker threads.
 */
public final class NatsEventStream implements EventStream {

  private static final Logger log = LoggerFactory.getLogger(NatsEventStream.class);
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int STREAM_NAME_IN_USE = 10058;
  private static final int SUBJECTS_OVERLAP = 10065;
  /** Far below jnats' outgoing queue (5,000 messages), which blocks the publishing thread when full. */
  static final int MAX_UNACKED_PUBLISHES = 1024;

  private final Vertx vertx;
  private final NatsSettings settings;
  private final Connection connection;
  private final JetStream jetStream;
  private final JetStreamManagement management;
  /** The one thread on which jnats hands over the messages of every subscription of this stream. */
  private final Dispatcher deliveries;
  /** Service subject -> stream name, once the stream is known to exist. */
  private final Map<String, CompletableFuture<String>> streams = new ConcurrentHashMap<>();
  private final Set<NatsSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final Object publishLock = new Object();
  /** Messages not yet handed to jnats, in publishing order. Guarded by publishLock. */
  private final ArrayDeque<Outgoing> queued = new ArrayDeque<>();
  /** Messages handed to jnats and not yet acknowledged. Guarded by publishLock. */
  private int unacked;
  private boolean pumping;
  /** Completed when the last unacknowledged publish settles, once close() waits for it. Guarded by publishLock. */
  private CompletableFuture<Void> publishesDrained;
  private final Object flushLock = new Object();
  /** The flush under way and the one to start after it. Guarded by flushLock. */
  private CompletableFuture<Void> flushing;
  private CompletableFuture<Void> nextFlush;
  private volatile boolean closed;
  private CompletableFuture<Void> closing;

  private NatsEventStream(Vertx vertx, NatsSettings settings, Connection connection, JetStream jetStream,
                          JetStreamManagement management) {
    this.vertx = vertx;
    this.settings = settings;
    this.connection = connection;
    this.jetStream = jetStream;
    this.management = management;
    this.deliveries = connection.createDispatcher();
  }

  /**
   * Connects to NATS (on a worker thread: jnats connects blocking) and checks that JetStream answers.
   * Completes on the caller's context; fails when the server cannot be reached or has no JetStream.
   */
  public static Future<NatsEventStream> connect(Vertx vertx, NatsSettings settings) {
    return vertx.executeBlocking(() -> {
      Listener listener = new Listener();
      Options options = new Options.Builder()
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
        JetStreamOptions jsOptions = JetStreamOptions.builder().requestTimeout(settings.requestTimeout()).build();
        JetStreamManagement management = connection.jetStreamManagement(jsOptions);
        management.getAccountStatistics(); // fails now, not at first use, when JetStream is off
        long serverLimit = connection.getMaxPayload();
        if (serverLimit > 0 && (long) settings.messageMaxBytes() + NatsSettings.HEADER_OVERHEAD_BYTES > serverLimit) {
          // The server's limit is not ours to raise: a message the outbox took would be refused at publish.
          throw new IllegalArgumentException("MESSAGE_MAX_BYTES=" + settings.messageMaxBytes() + " plus "
              + NatsSettings.HEADER_OVERHEAD_BYTES + " bytes of headers is more than the NATS server's max_payload ("
              + serverLimit + " bytes): lower MESSAGE_MAX_BYTES or raise max_payload");
        }
        return new NatsEventStream(vertx, settings, connection, connection.jetStream(jsOptions), management);
      } catch (IOException | JetStreamApiException | RuntimeException e) {
        connection.close();
        throw e;
      }
    }, false);
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
    Batch batch = new Batch();
    List<Outgoing> outgoing = new ArrayList<>(messages.size());
    try {
      for (Message message : messages) {
        String service = JetStreamNames.serviceSubject(message.topic());
        outgoing.add(new Outgoing(batch, message, NatsEnvelope.headers(message), ensureStream(service)));
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    synchronized (publishLock) {
      queued.addAll(outgoing);
    }
    pump();
    CompletableFuture<Void> acked = CompletableFuture.allOf(outgoing.stream().map(o -> o.acked).toArray(CompletableFuture[]::new));
    return bridge(caller, acked).onSuccess(v -> countPublished(messages));
  }

  /**
   * Hands queued messages to jnats in queue order while fewer than {@link #MAX_UNACKED_PUBLISHES} wait
   * for their acknowledgement (so jnats' outgoing queue never fills up and blocks the caller). The head
   * waits for its stream to exist; nothing overtakes it. Runs on any thread; one at a time.
   */
  private void pump() {
    synchronized (publishLock) {
      if (pumping) {
        return; // called back from inside the loop below, which looks again anyway
      }
      pumping = true;
      try {
        while (!queued.isEmpty() && unacked < MAX_UNACKED_PUBLISHES) {
          Outgoing head = queued.peekFirst();
          if (!head.stream.isDone()) {
            if (head.waiting) {
              break;
            }
            head.waiting = true;
            head.stream.whenComplete((name, error) -> pump());
            continue;
          }
          queued.pollFirst();
          issue(head);
        }
      } finally {
        pumping = false;
      }
    }
  }

  /** Under the publish lock. */
  private void issue(Outgoing out) {
    if (closed) {
      out.fail(new IllegalStateException("event stream closed"));
      return;
    }
    if (out.batch.failure != null) {
      out.fail(out.batch.failure); // keep a failed batch's order: the caller publishes it again
      return;
    }
    CompletableFuture<PublishAck> ack;
    try {
      PublishOptions options = PublishOptions.builder()
          .messageId(NatsEnvelope.deduplicationKey(out.message))
          .expectedStream(out.stream.join())
          .build();
      ack = jetStream.publishAsync(out.message.topic(), out.headers, out.message.payload(), options);
    } catch (RuntimeException e) {
      out.fail(unwrap(e));
      return;
    }
    unacked++;
    ack.whenComplete((stored, error) -> {
      CompletableFuture<Void> drained = null;
      synchronized (publishLock) {
        unacked--;
        if (unacked == 0 && publishesDrained != null) {
          drained = publishesDrained;
          publishesDrained = null;
        }
      }
      if (drained != null) {
        drained.complete(null);
      }
      if (error != null) {
        out.fail(unwrap(error));
      } else {
        out.acked.complete(null);
      }
      pump();
    });
  }

  private static void countPublished(List<Message> messages) {
    Map<String, Integer> perTopic = new HashMap<>();
    messages.forEach(m -> perTopic.merge(m.topic(), 1, Integer::sum));
    perTopic.forEach(MessagingMetrics::published);
  }

  @Override
  public Future<Subscription> subscribe(String topic, String group, SubscriptionOptions options, MessageHandler handler) {
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
    var subscription = new NatsSubscription(topic, group, context, options, handler);
    return bridge(context, ensureStream(service))
        .compose(stream -> context.executeBlocking(() -> startConsuming(stream, subscription, options), false))
        .compose(consumer -> {
          subscription.started(consumer);
          subscriptions.add(subscription);
          if (closed) {
            return subscription.shutdown()
                .transform(ignored -> Future.failedFuture(new IllegalStateException("event stream closed")));
          }
          return Future.succeededFuture(subscription);
        });
  }

  /**
   * How long one pull request waits on the server. A restarted server has forgotten the open pulls, and the
   * client notices only when three idle heartbeats (half the expiry each) are missed: with the client's 30 s
   * default, make chaos saw every consumer stand still for 45 s after a NATS restart; with 5 s it is about 8 s.
   */
  private static final Duration PULL_EXPIRES = Duration.ofSeconds(5);

  /** Creates or updates the group's durable consumer and starts pulling from it. Worker thread. */
  private MessageConsumer startConsuming(String stream, NatsSubscription subscription, SubscriptionOptions options)
      throws IOException, JetStreamApiException {
    String durable = JetStreamNames.durableName(subscription.group, subscription.topic);
    ConsumerConfiguration config = ConsumerConfiguration.builder()
        .durable(durable)
        .description("group " + subscription.group + " on " + subscription.topic)
        .filterSubject(subscription.topic)
        .deliverPolicy(DeliverPolicy.All)
        .ackPolicy(AckPolicy.Explicit)
        .ackWait(settings.ackWait())
        .maxAckPending(options.maxInFlight())
        .build();
    ensureConsumer(stream, durable, config);
    ConsumeOptions consumeOptions = ConsumeOptions.builder().batchSize(options.maxInFlight())
        .expiresIn(PULL_EXPIRES.toMillis()).build();
    return jetStream.getConsumerContext(stream, durable).consume(consumeOptions, deliveries, subscription::receive);
  }

  private void ensureConsumer(String stream, String durable, ConsumerConfiguration config)
      throws IOException, JetStreamApiException {
    try {
      management.addOrUpdateConsumer(stream, config);
    } catch (JetStreamApiException refused) {
      // The durable exists with a config that cannot be changed into ours (made by another version?):
      // use it as it is if it reads the same subject with explicit acks as a pull consumer.
      ConsumerConfiguration existing;
      try {
        existing = management.getConsumerInfo(stream, durable).getConsumerConfiguration();
      } catch (JetStreamApiException missing) {
        throw refused;
      }
      if (config.getFilterSubject().equals(existing.getFilterSubject()) && existing.getAckPolicy() == AckPolicy.Explicit
          && existing.getDeliverSubject() == null) {
        log.warn("using consumer {} of stream {} with its own config: {}", durable, stream, refused.getMessage());
        return;
      }
      throw refused;
    }
  }

  /** The name of the stream of {@code service}, creating the stream the first time. */
  private CompletableFuture<String> ensureStream(String service) {
    CompletableFuture<String> known = streams.get(service);
    if (known != null && !known.isCompletedExceptionally()) {
      return known;
    }
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> winner = streams.compute(service,
        (key, old) -> old != null && !old.isCompletedExceptionally() ? old : mine);
    if (winner == mine) {
      vertx.executeBlocking(() -> createStream(service), false).onComplete(result -> {
        if (result.succeeded()) {
          mine.complete(result.result());
        } else {
          mine.completeExceptionally(result.cause());
        }
      });
    }
    return winner;
  }

  /** Worker thread. */
  private String createStream(String service) throws IOException, JetStreamApiException {
    String name = JetStreamNames.streamName(settings.streamPrefix(), service);
    List<String> subjects = List.of(service, service + ".>");
    try {
      StreamInfo info = management.getStreamInfo(name);
      List<String> missing = subjects.stream()
          .filter(s -> !info.getConfiguration().getSubjects().contains(s)).toList();
      if (!missing.isEmpty()) {
        log.info("adding subjects {} to stream {}", missing, name);
        management.updateStream(StreamConfiguration.builder(info.getConfiguration()).addSubjects(missing).build());
      }
      return name;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
    }
    StreamConfiguration config = StreamConfiguration.builder()
        .name(name)
        .description("MallBots messages of " + service)
        .subjects(subjects)
        .storageType(StorageType.File)
        .retentionPolicy(RetentionPolicy.Limits)
        .discardPolicy(DiscardPolicy.Old)
        .maxAge(settings.maxAge())
        .maxBytes(settings.maxBytes())
        .duplicateWindow(settings.duplicateWindow())
        .replicas(1)
        .build();
    try {
      management.addStream(config);
      log.info("created stream {} for {}", name, subjects);
      return name;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NAME_IN_USE) {
        return name; // created meanwhile by another instance
      }
      if (e.getApiErrorCode() == SUBJECTS_OVERLAP) {
        List<String> owners = management.getStreamNames(service + ".>");
        if (!owners.isEmpty()) {
          log.warn("subjects {} already belong to stream {}: using it", subjects, owners.get(0));
          return owners.get(0);
        }
      }
      throw e;
    }
  }

  /** Succeeds when the connection is up and JetStream answers; the check runs on a worker thread. */
  @Override
  public Future<Void> ping() {
    Context caller = vertx.getOrCreateContext();
    if (closed) {
      return Future.failedFuture(new IllegalStateException("event stream closed"));
    }
    return caller.executeBlocking(() -> {
      Connection.Status status = connection.getStatus();
      if (status != Connection.Status.CONNECTED) {
        throw new IllegalStateException("NATS connection is " + status);
      }
      management.getAccountStatistics();
      return null;
    }, false);
  }

  /**
   * Refuses further publishes, closes every subscription (in-flight messages finish and are
   * acknowledged), waits for the publishes under way to be acknowledged, then closes the connection.
   * Idempotent; completes on the caller's context.
   */
  @Override
  public Future<Void> close() {
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Void> done;
    synchronized (this) {
      if (closing == null) {
        closed = true;
        pump(); // fails what is still queued
        closing = shutdown();
      }
      done = closing;
    }
    return bridge(caller, done);
  }

  private CompletableFuture<Void> shutdown() {
    List<Future<Void>> closes = subscriptions.stream().map(NatsSubscription::close).toList();
    return Future.join(closes).toCompletionStage().toCompletableFuture()
        .handle((ignored, error) -> null)
        .thenCompose(ignored -> publishesSettled()) // each settles within the request timeout
        .thenCompose(ignored -> flush())
        .handle((ignored, error) -> {
          if (error != null) {
            log.warn("NATS flush before close failed: {}", unwrap(error).toString());
          }
          return null;
        })
        .thenCompose(ignored -> vertx.<Void>executeBlocking(() -> {
          connection.close();
          return null;
        }, false).toCompletionStage());
  }

  private CompletableFuture<Void> publishesSettled() {
    synchronized (publishLock) {
      if (unacked == 0) {
        return CompletableFuture.completedFuture(null);
      }
      if (publishesDrained == null) {
        publishesDrained = new CompletableFuture<>();
      }
      return publishesDrained;
    }
  }

  /**
   * Resolves once everything this connection wrote before the call has reached the server. jnats
   * flushes with a PING and drops the connection when more than two PINGs are unanswered, so there
   * is one flush at a time; callers that arrive meanwhile share the next one. Any thread.
   */
  private CompletableFuture<Void> flush() {
    CompletableFuture<Void> mine;
    boolean start;
    synchronized (flushLock) {
      start = flushing == null || flushing.isDone();
      if (start) {
        flushing = new CompletableFuture<>();
        mine = flushing;
      } else {
        if (nextFlush == null) {
          nextFlush = new CompletableFuture<>();
        }
        mine = nextFlush;
      }
    }
    if (start) {
      runFlush(mine);
    }
    return mine;
  }

  private void runFlush(CompletableFuture<Void> target) {
    vertx.<Void>executeBlocking(() -> {
      connection.flush(settings.requestTimeout());
      return null;
    }, false).onComplete(result -> {
      CompletableFuture<Void> next;
      synchronized (flushLock) {
        next = nextFlush;
        nextFlush = null;
        flushing = next;
      }
      if (result.succeeded()) {
        target.complete(null);
      } else {
        target.completeExceptionally(result.cause());
      }
      if (next != null) {
        runFlush(next);
      }
    });
  }

  /** For tests: the streams this instance created or found. */
  Set<String> knownStreams() {
    Set<String> names = new LinkedHashSet<>();
    streams.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).forEach(f -> names.add(f.join()));
    return names;
  }

  /** Completes a Vert.x future on {@code context} from a jnats future completed on any thread. */
  private static <T> Future<T> bridge(Context context, CompletionStage<T> stage) {
    Promise<T> promise = Promise.promise();
    stage.whenComplete((value, error) -> {
      Runnable complete = () -> {
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

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The messages of one {@link #publish} call. */
  private static final class Batch {
    volatile Throwable failure;
  }

  /** One message on its way to JetStream. */
  private static final class Outgoing {
    final Batch batch;
    final Message message;
    final io.nats.client.impl.Headers headers;
    final CompletableFuture<String> stream;
    final CompletableFuture<Void> acked = new CompletableFuture<>();
    boolean waiting;

    Outgoing(Batch batch, Message message, io.nats.client.impl.Headers headers, CompletableFuture<String> stream) {
      this.batch = batch;
      this.message = message;
      this.headers = headers;
      this.stream = stream;
    }

    void fail(Throwable error) {
      if (batch.failure == null) {
        batch.failure = error;
      }
      acked.completeExceptionally(error);
    }
  }

  /**
   * One subscription: a member of its group's durable consumer. {@link #receive} runs on the NATS
   * dispatcher thread; everything else on the subscribing context.
   */
  private final class NatsSubscription implements Subscription {
    private final String topic;
    private final String group;
    private final Context context;
    private final MessageDispatcher dispatcher;
    /** Delivered and neither acked nor nak'ed yet. Context only. */
    private final Set<InFlight> inFlight = new LinkedHashSet<>();
    private MessageConsumer consumer;
    private boolean closing;
    private long keepAliveTimer = -1;
    private Promise<Void> settled;
    private Future<Void> shutdown;

    NatsSubscription(String topic, String group, Context context, SubscriptionOptions options, MessageHandler handler) {
      this.topic = topic;
      this.group = group;
      this.context = context;
      this.dispatcher = new MessageDispatcher(context, group, options, handler, NatsEventStream.this::publish);
    }

    @Override
    public String topic() {
      return topic;
    }

    @Override
    public String group() {
      return group;
    }

    /** Context: consumption has started. */
    void started(MessageConsumer messageConsumer) {
      this.consumer = messageConsumer;
      // a message is refreshed at most two periods after the last time: well within the ack wait
      long period = Math.max(100, settings.ackWait().toMillis() / 3);
      keepAliveTimer = vertx.setPeriodic(period, id -> keepAlive(period));
    }

    /** NATS dispatcher thread: decode, then continue on the subscribing context, in arrival order. */
    void receive(io.nats.client.Message delivery) {
      Message message;
      try {
        message = NatsEnvelope.message(delivery);
      } catch (RuntimeException e) {
        log.error("group {} cannot read a message on {}, terminating it: {}", group, delivery.getSubject(), e.toString());
        delivery.term();
        return;
      }
      context.runOnContext(v -> handle(delivery, message));
    }

    private void handle(io.nats.client.Message delivery, Message message) {
      if (closing) {
        settle(delivery, false);
        return;
      }
      InFlight entry = new InFlight(delivery, System.nanoTime());
      inFlight.add(entry);
      dispatcher.dispatch(message).onComplete(result -> {
        inFlight.remove(entry);
        settle(delivery, result.succeeded());
        if (inFlight.isEmpty() && settled != null) {
          settled.tryComplete();
        }
      });
    }

    private void settle(io.nats.client.Message delivery, boolean handled) {
      try {
        if (handled) {
          delivery.ack();
        } else {
          delivery.nak();
        }
      } catch (RuntimeException e) {
        // connection closed or reconnecting: JetStream redelivers after the ack wait
        log.debug("could not {} a message of group {}: {}", handled ? "ack" : "nak", group, e.toString());
      }
    }

    /** Tells JetStream that messages held longer than a third of the ack wait are still being worked on. */
    private void keepAlive(long periodMillis) {
      long now = System.nanoTime();
      for (InFlight entry : inFlight) {
        if (Duration.ofNanos(now - entry.since).toMillis() >= periodMillis) {
          try {
            entry.delivery.inProgress();
          } catch (RuntimeException e) {
            log.debug("in-progress ack failed: {}", e.toString());
          }
        }
      }
    }

    /** Any thread; completes on the caller's context. */
    @Override
    public Future<Void> close() {
      Context caller = vertx.getOrCreateContext();
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> shutdown().onComplete(result -> {
        if (Vertx.currentContext() == caller) {
          done.handle(result);
        } else {
          caller.runOnContext(x -> done.handle(result));
        }
      }));
      return done.future();
    }

    /** Context: stop pulling, let in-flight messages finish, flush their acks. Never fails. */
    Future<Void> shutdown() {
      if (shutdown != null) {
        return shutdown;
      }
      closing = true;
      subscriptions.remove(this);
      MessageConsumer pulling = consumer;
      // Unsubscribing (not stopping: a stopped consumer keeps its pull open until it expires) makes the
      // server stop delivering to this member at once. The durable consumer stays: it is the group's position.
      shutdown = context.<Void>executeBlocking(() -> {
            if (pulling != null) {
              pulling.close();
            }
            return null;
          }, false)
          .recover(error -> {
            log.warn("stopping consumer of group {} on {} failed: {}", group, topic, error.toString());
            return Future.succeededFuture();
          })
          .compose(v -> dispatcher.close())
          .compose(v -> allSettled())
          .compose(v -> {
            vertx.cancelTimer(keepAliveTimer);
            return bridge(context, flush()); // acks are fire-and-forget: make sure they left
          })
          .recover(error -> {
            log.warn("acks of group {} on {} may not have reached NATS: {}", group, topic, error.toString());
            return Future.succeededFuture();
          });
      return shutdown;
    }

    private Future<Void> allSettled() {
      if (inFlight.isEmpty()) {
        return Future.succeededFuture();
      }
      settled = Promise.promise();
      return settled.future();
    }
  }

  private static final class InFlight {
    final io.nats.client.Message delivery;
    final long since;

    InFlight(io.nats.client.Message delivery, long since) {
      this.delivery = delivery;
      this.since = since;
    }
  }

  /** jnats reports connection events and asynchronous errors here: into our log instead of JUL. */
  private static final class Listener implements ErrorListener, ConnectionListener {
    private static final Logger natsLog = LoggerFactory.getLogger("io.mallbots.core.messaging.nats.jnats");

    @Override
    public void connectionEvent(Connection connection, Events event) {
      switch (event) {
        case DISCONNECTED -> natsLog.warn("NATS disconnected");
        case RECONNECTED -> natsLog.info("NATS reconnected");
        case CLOSED -> natsLog.debug("NATS connection closed");
        default -> natsLog.debug("NATS {}", event);
      }
    }

    @Override
    public void errorOccurred(Connection connection, String error) {
      natsLog.warn("NATS error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection connection, Exception exp) {
      natsLog.warn("NATS exception: {}", exp.toString());
    }

    @Override
    public void slowConsumerDetected(Connection connection, Consumer consumer) {
      natsLog.warn("NATS slow consumer: messages dropped");
    }

    @Override
    public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence,
                               long lastConsumerSequence) {
      natsLog.warn("JetStream heartbeat missed (consumer sequence {}): pulling again", lastConsumerSequence);
    }

    @Override
    public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
      natsLog.warn("JetStream pull error: {}", status.getMessageWithCode());
    }

    @Override
    public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
      natsLog.warn("JetStream status: {}", status.getMessageWithCode());
    }
  }

  @Override
  public String toString() {
    return "NatsEventStream[" + settings.url() + " " + Arrays.toString(streams.keySet().toArray()) + "]";
  }
}

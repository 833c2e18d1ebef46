package io.mallbots.core.messaging.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JetStream management side of a {@link NatsEventStream}: creates (or adopts) the stream of
 * each service subject and the durable consumer of each (topic, group), as the class comment of
 * {@link NatsEventStream} describes.
 *
 * <p>Who calls it: {@link NatsEventStream} (before a subscription starts pulling) and {@link
 * NatsPublisher} (before a message is handed to jnats). Threads: {@link #ensureStream} may be
 * called from any thread and runs the management calls on a Vert.x worker thread; {@link
 * #ensureConsumer} blocks and must run on a worker thread.
 */
final class NatsStreamAdmin {

  private static final Logger log = LoggerFactory.getLogger(NatsStreamAdmin.class);
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int STREAM_NAME_IN_USE = 10058;
  private static final int SUBJECTS_OVERLAP = 10065;

  private final Vertx vertx;
  private final NatsSettings settings;
  private final JetStreamManagement management;

  /** Service subject -> stream name, once the stream is known to exist. */
  private final Map<String, CompletableFuture<String>> streams = new ConcurrentHashMap<>();

  NatsStreamAdmin(Vertx vertx, NatsSettings settings, JetStreamManagement management) {
    this.vertx = vertx;
    this.settings = settings;
    this.management = management;
  }

  /** Fails unless JetStream answers an API call. Worker thread. */
  void verifyJetStream() throws IOException, JetStreamApiException {
    management.getAccountStatistics();
  }

  /**
   * Creates or updates the durable consumer of {@code group} on {@code subject} (a topic's
   * partition) in {@code stream} and returns its name. Worker thread.
   */
  String ensureConsumer(String stream, String subject, String group, int maxInFlight)
      throws IOException, JetStreamApiException {
    String topic = subject;
    String durable = JetStreamNames.durableName(group, subject);
    ConsumerConfiguration config =
        ConsumerConfiguration.builder()
            .durable(durable)
            .description("group " + group + " on " + topic)
            .filterSubject(topic)
            .deliverPolicy(DeliverPolicy.All)
            .ackPolicy(AckPolicy.Explicit)
            .ackWait(settings.ackWait())
            .maxAckPending(maxInFlight)
            .build();
    try {
      management.addOrUpdateConsumer(stream, config);
    } catch (JetStreamApiException refused) {
      // The durable exists with a config that cannot be changed into ours (made by another
      // version?):
      // use it as it is if it reads the same subject with explicit acks as a pull consumer.
      ConsumerConfiguration existing;
      try {
        existing = management.getConsumerInfo(stream, durable).getConsumerConfiguration();
      } catch (JetStreamApiException missing) {
        throw refused;
      }
      if (config.getFilterSubject().equals(existing.getFilterSubject())
          && existing.getAckPolicy() == AckPolicy.Explicit
          && existing.getDeliverSubject() == null) {
        log.warn(
            "using consumer {} of stream {} with its own config: {}",
            durable,
            stream,
            refused.getMessage());
        return durable;
      }
      throw refused;
    }
    return durable;
  }

  /** The current state of a consumer, from the server. Worker thread. */
  io.nats.client.api.ConsumerInfo consumerInfo(String stream, String durable)
      throws IOException, JetStreamApiException {
    return management.getConsumerInfo(stream, durable);
  }

  /** The name of the stream of {@code service}, creating the stream the first time. Any thread. */
  CompletableFuture<String> ensureStream(String service) {
    CompletableFuture<String> known = streams.get(service);
    if (known != null && !known.isCompletedExceptionally()) {
      return known;
    }
    CompletableFuture<String> mine = new CompletableFuture<>();
    CompletableFuture<String> winner =
        streams.compute(
            service, (key, old) -> old != null && !old.isCompletedExceptionally() ? old : mine);
    if (winner == mine) {
      vertx
          .executeBlocking(() -> createStream(service), false)
          .onComplete(
              result -> {
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
      List<String> missing =
          subjects.stream()
              .filter(s -> !info.getConfiguration().getSubjects().contains(s))
              .toList();
      if (!missing.isEmpty()) {
        log.info("adding subjects {} to stream {}", missing, name);
        management.updateStream(
            StreamConfiguration.builder(info.getConfiguration()).addSubjects(missing).build());
      }
      return name;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
    }
    StreamConfiguration config =
        StreamConfiguration.builder()
            .name(name)
            .description("MallBots messages of " + service)
            .subjects(subjects)
            .storageType(StorageType.File)
            .retentionPolicy(RetentionPolicy.Limits)
            .discardPolicy(DiscardPolicy.Old)
            .maxAge(settings.maxAge())
            .maxBytes(settings.maxBytes())
            .duplicateWindow(settings.duplicateWindow())
            .replicas(settings.replicas())
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

  /** The service subjects whose stream was asked for, for {@link NatsEventStream#toString()}. */
  Set<String> serviceSubjects() {
    return streams.keySet();
  }

  /** The streams created or found. */
  Set<String> knownStreams() {
    Set<String> names = new LinkedHashSet<>();
    streams.values().stream()
        .filter(f -> f.isDone() && !f.isCompletedExceptionally())
        .forEach(f -> names.add(f.join()));
    return names;
  }
}

package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.BrokerLag;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerInfo;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The lag of a group on NATS JetStream: over the durable consumers of the topic's partitions
 * ({@code <topic>.p<k>}, one per partition, named by {@link JetStreamNames}), the messages not yet
 * delivered ({@code num_pending}) plus those delivered and not acknowledged ({@code
 * num_ack_pending}). {@link NatsSubscription} acknowledges a message once it is handled, so zero
 * means every message was. A missing stream or consumer holds nothing for the group. One connection
 * of its own; the calls block a worker thread, never an event loop.
 */
public final class NatsGroupLag implements BrokerLag {

  private static final int CONSUMER_NOT_FOUND = 10014;
  private static final int STREAM_NOT_FOUND = 10059;

  private final Vertx vertx;
  private final NatsSettings settings;
  private final Connection connection;
  private final JetStreamManagement management;

  private NatsGroupLag(
      Vertx vertx, NatsSettings settings, Connection connection, JetStreamManagement management) {
    this.vertx = vertx;
    this.settings = settings;
    this.connection = connection;
    this.management = management;
  }

  /** Connects to the servers of {@code settings} (on a worker thread: jnats connects blocking). */
  public static Future<NatsGroupLag> connect(Vertx vertx, NatsSettings settings) {
    return vertx.executeBlocking(
        () -> {
          Options options =
              new Options.Builder()
                  .servers(settings.url().split(","))
                  .connectionName("mallbots-drain")
                  .connectionTimeout(settings.requestTimeout())
                  .maxReconnects(-1)
                  .reconnectWait(Duration.ofSeconds(1))
                  .build();
          Connection connection = Nats.connect(options);
          try {
            JetStreamManagement management =
                connection.jetStreamManagement(
                    JetStreamOptions.builder().requestTimeout(settings.requestTimeout()).build());
            return new NatsGroupLag(vertx, settings, connection, management);
          } catch (Exception e) {
            connection.close();
            throw e;
          }
        },
        false);
  }

  @Override
  public Future<Long> lag(String topic, String group) {
    return vertx.executeBlocking(() -> lagNow(topic, group), false);
  }

  private long lagNow(String topic, String group) throws Exception {
    String stream =
        JetStreamNames.streamName(settings.streamPrefix(), JetStreamNames.serviceSubject(topic));
    long lag = 0;
    for (int k = 0; k < settings.partitions(); k++) {
      String subject = JetStreamNames.partitionSubject(topic, k);
      try {
        ConsumerInfo info =
            management.getConsumerInfo(stream, JetStreamNames.durableName(group, subject));
        lag += info.getNumPending() + info.getNumAckPending();
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() != CONSUMER_NOT_FOUND && e.getApiErrorCode() != STREAM_NOT_FOUND) {
          throw e;
        }
      }
    }
    return lag;
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(
        () -> {
          connection.close();
          return null;
        },
        false);
  }
}

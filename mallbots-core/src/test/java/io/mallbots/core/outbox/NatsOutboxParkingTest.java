package io.mallbots.core.outbox;

import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.nats.NatsEventStream;
import io.mallbots.core.messaging.nats.NatsSettings;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * Parking and replay on the NATS server at {@code NATS_URL} (default {@code
 * nats://127.0.0.1:4222}).
 */
class NatsOutboxParkingTest extends OutboxParkingContract {

  private static final NatsSettings SETTINGS =
      NatsSettings.fromEnv(
          Map.of("NATS_URL", System.getenv().getOrDefault("NATS_URL", NatsSettings.DEFAULT_URL)));

  @Override
  protected EventStream newStream(Vertx vertx) {
    return NatsEventStream.connect(vertx, SETTINGS).await();
  }

  /**
   * Each test's topic ({@code parking.<8hex>.events.Thing}) got a JetStream stream of its own:
   * remove it.
   */
  @Override
  protected void cleanUp(String topic) {
    String service = topic.substring(0, topic.indexOf(".events."));
    try (Connection connection = Nats.connect(SETTINGS.url())) {
      var management = connection.jetStreamManagement();
      for (var info : management.getStreams()) {
        if (info.getConfiguration().getSubjects().contains(service)) {
          try {
            management.deleteStream(info.getConfiguration().getName());
          } catch (JetStreamApiException alreadyGone) {
            // nothing to clean
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

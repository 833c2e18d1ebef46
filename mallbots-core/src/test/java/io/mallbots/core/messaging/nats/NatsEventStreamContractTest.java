package io.mallbots.core.messaging.nats;

import io.mallbots.core.messaging.EventStream;
import io.mallbots.core.messaging.EventStreamContract;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;

/** The contract on the NATS server at {@code NATS_URL} (default {@code nats://127.0.0.1:4222}). */
class NatsEventStreamContractTest extends EventStreamContract {

  private static final NatsSettings SETTINGS =
      NatsSettings.fromEnv(
          Map.of("NATS_URL", System.getenv().getOrDefault("NATS_URL", NatsSettings.DEFAULT_URL)));

  /** Every stream the tests connected; their JetStream streams are deleted at the end. */
  private static final List<NatsEventStream> CREATED = new CopyOnWriteArrayList<>();

  @Override
  protected EventStream newStream(Vertx vertx) {
    return connect(vertx);
  }

  /** A stream on the test server whose JetStream streams {@link #deleteTestStreams} removes. */
  static NatsEventStream connect(Vertx vertx) {
    NatsEventStream stream = NatsEventStream.connect(vertx, SETTINGS).await();
    CREATED.add(stream);
    return stream;
  }

  /**
   * Each test's topic ({@code contract.<8hex>.events.Thing}) got a stream of its own: remove them.
   */
  @AfterAll
  static void deleteTestStreams() throws Exception {
    Set<String> names = ConcurrentHashMap.newKeySet();
    CREATED.forEach(stream -> names.addAll(stream.knownStreams()));
    try (Connection connection = Nats.connect(SETTINGS.url())) {
      JetStreamManagement management = connection.jetStreamManagement();
      for (String name : names) {
        try {
          management.deleteStream(name);
        } catch (JetStreamApiException alreadyGone) {
          // nothing to clean
        }
      }
    }
  }
}

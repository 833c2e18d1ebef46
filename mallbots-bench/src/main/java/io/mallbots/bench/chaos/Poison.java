package io.mallbots.bench.chaos;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;

/**
 * The one message the run injects on purpose: a {@code users.UserRegistered} whose payload is not protobuf,
 * on users' event topic. Both subscribers of that topic (search, notifications) must give up on it and keep it
 * as a dead letter while the orders keep flowing: the books expect exactly these dead letters, and no others.
 */
final class Poison {

  static final String TOPIC = "mallbots.users.events.User";
  /** The dead letters the poison must leave, by service. */
  static final Map<String, Long> EXPECTED_DEAD_LETTERS = Map.of("search", 1L, "notifications", 1L);

  private Poison() {
  }

  /** Publishes the poison through a stream of the run's own, under the system's EVENT_NAMESPACE. On a context. */
  static Future<Void> inject(Vertx vertx, CoreSettings broker) {
    byte[] unreadable = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}; // a truncated varint: no protobuf parses it
    Message poison = Message.create(TOPIC, "users.UserRegistered", "poison-" + UUID.randomUUID(), unreadable);
    return EventStreams.connect(vertx, broker).compose(stream -> stream.publish(poison).eventually(stream::close));
  }
}

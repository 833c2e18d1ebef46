package io.mallbots.bench.chaos;

import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The messages the run injects on purpose: a {@code users.UserRegistered} whose payload is not protobuf, and on
 * every event topic a message of a name no service knows. Each subscriber must give up on each of them and keep
 * it as a dead letter while the orders keep flowing: the books expect exactly these dead letters, and no others.
 */
final class Poison {

  /** Every event topic, with the services that subscribe to it. */
  private static final Map<String, List<String>> SUBSCRIBERS = Map.of(
      "mallbots.users.events.User", List.of("search", "notifications"),
      "mallbots.stores.events.Store", List.of("baskets", "search", "ordering"),
      "mallbots.stores.events.Product", List.of("baskets", "search"),
      "mallbots.baskets.events.Basket", List.of("ordering"),
      "mallbots.ordering.events.Order", List.of("notifications", "payments", "search"),
      "mallbots.payments.events.Invoice", List.of("ordering"),
      "mallbots.payments.events.Payment", List.of());
  private static final String UNREADABLE_TOPIC = "mallbots.users.events.User";

  /** The dead letters the poison must leave, by service. */
  static final Map<String, Long> EXPECTED_DEAD_LETTERS = expected();

  private Poison() {
  }

  /** Publishes the poison through a stream of the run's own, under the system's EVENT_NAMESPACE. On a context. */
  static Future<Void> inject(Vertx vertx, CoreSettings broker) {
    byte[] unreadable = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}; // a truncated varint: no protobuf parses it
    List<Message> poison = new ArrayList<>();
    poison.add(Message.create(UNREADABLE_TOPIC, "users.UserRegistered", "poison-" + UUID.randomUUID(), unreadable));
    for (String topic : SUBSCRIBERS.keySet()) {
      String service = topic.split("\\.")[1];
      poison.add(Message.create(topic, service + ".SomethingNobodyKnows", "poison-" + UUID.randomUUID(), new byte[0]));
    }
    return EventStreams.connect(vertx, broker).compose(stream -> stream.publish(poison).eventually(stream::close));
  }

  private static Map<String, Long> expected() {
    Map<String, Long> letters = new HashMap<>();
    SUBSCRIBERS.get(UNREADABLE_TOPIC).forEach(service -> letters.merge(service, 1L, Long::sum));
    SUBSCRIBERS.values().forEach(services -> services.forEach(service -> letters.merge(service, 1L, Long::sum)));
    return Map.copyOf(letters);
  }
}

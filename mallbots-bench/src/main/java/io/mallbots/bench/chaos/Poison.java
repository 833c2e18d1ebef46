package io.mallbots.bench.chaos;

import io.mallbots.baskets.v1.BasketsContract;
import io.mallbots.core.config.CoreSettings;
import io.mallbots.core.messaging.EventStreams;
import io.mallbots.core.messaging.Message;
import io.mallbots.ordering.v1.OrderingContract;
import io.mallbots.payments.v1.PaymentsContract;
import io.mallbots.stores.v1.StoresContract;
import io.mallbots.users.v1.UsersContract;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The messages the run injects on purpose: a {@code users.UserRegistered} whose payload is not
 * protobuf, and on every event topic a message of a name no service knows. Each subscriber must
 * give up on each of them and keep it as a dead letter while the orders keep flowing: the books
 * expect exactly these dead letters, and no others.
 */
final class Poison {

  /** Every event topic, with the services that subscribe to it. */
  private static final Map<String, List<String>> SUBSCRIBERS =
      Map.of(
          UsersContract.USER_EVENTS, List.of("search", "notifications"),
          StoresContract.STORE_EVENTS, List.of("baskets", "search", "ordering"),
          StoresContract.PRODUCT_EVENTS, List.of("baskets", "search"),
          BasketsContract.BASKET_EVENTS, List.of("ordering"),
          OrderingContract.ORDER_EVENTS, List.of("notifications", "payments", "search"),
          PaymentsContract.INVOICE_EVENTS, List.of("ordering"),
          PaymentsContract.PAYMENT_EVENTS, List.of());

  private static final String UNREADABLE_TOPIC = UsersContract.USER_EVENTS;

  /** The dead letters the poison must leave, by service. */
  static final Map<String, Long> EXPECTED_DEAD_LETTERS = expected();

  private Poison() {}

  /**
   * Publishes the poison through a stream of the run's own, under the system's EVENT_NAMESPACE. On
   * a context.
   */
  static Future<Void> inject(Vertx vertx, CoreSettings broker) {
    byte[] unreadable = {
      (byte) 0xFF, (byte) 0xFF, (byte) 0xFF
    }; // a truncated varint: no protobuf parses it
    List<Message> poison = new ArrayList<>();
    poison.add(
        Message.create(
            UNREADABLE_TOPIC,
            UsersContract.USER_REGISTERED.name(),
            "poison-" + UUID.randomUUID(),
            unreadable));
    for (String topic : SUBSCRIBERS.keySet()) {
      String service = topic.split("\\.")[1];
      poison.add(
          Message.create(
              topic,
              service + ".SomethingNobodyKnows",
              "poison-" + UUID.randomUUID(),
              new byte[0]));
    }
    return EventStreams.connect(vertx, broker)
        .compose(stream -> stream.publish(poison).eventually(stream::close));
  }

  private static Map<String, Long> expected() {
    Map<String, Long> letters = new HashMap<>();
    SUBSCRIBERS.get(UNREADABLE_TOPIC).forEach(service -> letters.merge(service, 1L, Long::sum));
    SUBSCRIBERS
        .values()
        .forEach(services -> services.forEach(service -> letters.merge(service, 1L, Long::sum)));
    return Map.copyOf(letters);
  }
}
